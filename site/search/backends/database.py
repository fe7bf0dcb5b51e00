"""WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

modelsearch's database backend picks a class per database vendor (SQLite FTS5,
PostgreSQL tsvector, …); this subclasses whichever it picks with the Chinese query rewrite,
and with a bulk write of entries on SQLite and PostgreSQL (search.backends.sqlite_bulk,
search.backends.postgres_bulk).
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as vendor_backend

from ..index import SharedValuesIndexMixin
from .query import ChineseQueryMixin


def _vendor_mixins(index_class):
    # modelsearch's SQLite module can only be imported on SQLite (its FTS model exists
    # there only), so each bulk writer is imported when the vendor class is its database's.
    if index_class.__module__ == "modelsearch.backends.database.sqlite.sqlite":
        from .sqlite_bulk import SQLiteBulkIndexMixin

        return (SQLiteBulkIndexMixin,)
    if index_class.__module__ == "modelsearch.backends.database.postgres.postgres":
        from .postgres_bulk import PostgresBulkIndexMixin

        return (PostgresBulkIndexMixin,)
    return ()


@cache
def chinese_backend_class(vendor_class):
    index_class = type(
        f"Chinese{vendor_class.index_class.__name__}",
        (
            SharedValuesIndexMixin,
            *_vendor_mixins(vendor_class.index_class),
            vendor_class.index_class,
        ),
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
