"""The public search's engines. `get_engine()` picks Elasticsearch when ELASTICSEARCH_URL
is set, else the database."""

from django.conf import settings
from django.utils.module_loading import import_string


def get_engine():
    return import_string(settings.SEARCH_ENGINE)()
