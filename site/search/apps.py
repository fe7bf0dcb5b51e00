from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "搜索"

    def ready(self):
        from . import checks, normalize, signals  # noqa: F401  (system check, index updates)

        normalize.load_dictionary()  # once per process, not on the first query

        from django.conf import settings

        if settings.SEARCH_ENGINE.endswith(".ElasticsearchEngine"):
            from .engines.elasticsearch import connect_signals

            connect_signals()  # keep the public engine's indices current
        elif "postgresql" in settings.DATABASES["default"]["ENGINE"]:
            from . import sync
            from .entries import EntryStore

            sync.connect(EntryStore())  # the database engine's SearchEntry rows
