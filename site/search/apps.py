from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "搜索"

    def ready(self):
        from . import checks, normalize  # noqa: F401  (system checks)

        normalize.load_dictionary()  # once per process, not on the first query

        from core import health

        from .health import search_status

        health.register("search", search_status)
