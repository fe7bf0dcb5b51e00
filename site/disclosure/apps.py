from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "公示与信息公开"

    def ready(self):
        # What the public search finds here, and what the site publishes as open data.
        from . import datasets, search  # noqa: F401
