"""The public search's engines, one class each: SQLiteEngine, PostgreSQLEngine and
ElasticsearchEngine. settings.SEARCH_ENGINE names the one in use (see
config/settings/base.py: the database's own by default, Elasticsearch when the
SEARCH_ENGINE environment variable says so)."""

from django.conf import settings
from django.utils.module_loading import import_string


def get_engine():
    return import_string(settings.SEARCH_ENGINE)()
