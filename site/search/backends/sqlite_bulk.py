"""Wagtail's index on SQLite, written in bulk (see search.backends.database).

Imported only when the database is SQLite: modelsearch's SQLite module looks up its FTS
model on import, which exists there only."""

from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

from ..index import once_after_bulk


class OneWalkIndexer(ObjectIndexer):
    """modelsearch's SQLite indexer walks an object's search fields three times (for its
    title, body and autocomplete texts); this walks them once and sorts the values."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        title, body, autocomplete = [], [], []
        for field in self.search_fields:
            for current, value in self.prepare_field(self.obj, field):
                if isinstance(current, SearchField):
                    (title if current.field_name == "title" else body).append(value)
                elif isinstance(current, AutocompleteField):
                    autocomplete.append(value)
        # cached_property names: set on the instance, they are what the index reads.
        self.__dict__.update(
            title=" ".join(title), body=" ".join(body), autocomplete=" ".join(autocomplete)
        )


class SQLiteBulkIndexMixin:
    """modelsearch's SQLite index writes each already-indexed object with its own UPDATE
    (a ledger import changes 80,000 entries: pages and twins); this writes them with one
    executemany. The entries written are the same (tests/search/test_index.py compares),
    and the FTS table follows through the index table's own triggers, as before. Its
    refresh of the title norms (an average over the whole table) runs once a bulk write
    rather than once a batch (search.index.writing_in_bulk)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        texts = {}
        for obj in objs:
            indexer = OneWalkIndexer(obj, self.backend)
            texts[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
        if not texts:
            return
        content_type_id = get_content_type_pk(model)
        existing = dict(
            self.entries.filter(
                content_type_id=content_type_id, object_id__in=texts.keys()
            ).values_list("object_id", "pk")
        )
        table = self.entries.model._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET title = %s, autocomplete = %s, body = %s WHERE id = %s",  # noqa: S608
                [(*texts[object_id], pk) for object_id, pk in existing.items()],
            )
        self.entries.bulk_create(
            [
                self.entries.model(
                    content_type_id=content_type_id,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in texts.items()
                if object_id not in existing
            ]
        )
        once_after_bulk((type(self), self.write_connection.alias), self._refresh_title_norms)
