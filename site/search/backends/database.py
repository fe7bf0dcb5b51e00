"""WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

modelsearch's database backend picks a class per database vendor (SQLite FTS5,
PostgreSQL tsvector, …); this subclasses whichever it picks with the Chinese query rewrite.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as vendor_backend

from ..index import SharedValuesIndexMixin
from .query import ChineseQueryMixin


@cache
def chinese_backend_class(vendor_class):
    index_class = type(
        f"Chinese{vendor_class.index_class.__name__}",
        (SharedValuesIndexMixin, vendor_class.index_class),
        {},
    )
    return type(
        f"Chinese{vendor_class.__name__}",
        (ChineseQueryMixin, vendor_class),
        {"index_class": index_class},
    )


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up)
    vendor_class = type(vendor_backend(dict(params)))
    return chinese_backend_class(vendor_class)(params)
