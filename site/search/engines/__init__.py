"""The public search's engines, one class each: SQLiteEngine, PostgreSQLEngine and
ElasticsearchEngine. settings.SEARCH_ENGINE names the one in use (see
config/settings/base.py: the database's own by default, Elasticsearch when the
SEARCH_ENGINE environment variable says so).

The database's own engine is also the fallback: when Elasticsearch does not answer, the
search views ask it instead (search/views.py), so its entries are kept current beside
Elasticsearch's (`engines()`, which search/sync.py writes through)."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string


def get_engine():
    return import_string(settings.SEARCH_ENGINE)()


def database_engine():
    """The engine of the database the site runs on (SQLite's or PostgreSQL's)."""
    return import_string(settings.SEARCH_ENGINES[connection.vendor])()


def engines():
    """Every engine whose entries must stay current: the one in use, and the database's
    own when that is another (the fallback)."""
    if settings.SEARCH_ENGINE == settings.SEARCH_ENGINES[connection.vendor]:
        return [get_engine()]
    return [get_engine(), database_engine()]
