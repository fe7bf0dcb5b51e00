from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "首页与栏目"

    def ready(self):
        from . import search  # noqa: F401  (registers what the public search finds here)
