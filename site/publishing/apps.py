from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "发布流程"

    def ready(self):
        from . import datasets, pipeline  # noqa: F401  (datasets: the corrections as open data)

        pipeline.connect()
