from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = "区域与类别"

    def ready(self):
        from . import datasets  # noqa: F401  (regions and categories as open data)
