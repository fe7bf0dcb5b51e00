from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "公共组件"

    def ready(self):
        from . import content_cache  # noqa: F401  (connects the cache-clearing signals)
