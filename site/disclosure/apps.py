from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "公示与信息公开"

    def ready(self):
        from . import search  # noqa: F401  (registers what the public search finds here)
