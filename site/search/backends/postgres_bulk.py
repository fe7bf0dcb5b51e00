"""Wagtail's index on PostgreSQL, written in bulk (see search.backends.database).

modelsearch's PostgreSQL index builds, for every value of every object, a Django
`SearchVector` expression and compiles it (90,000 compilations for 5,000 organizations and
their twins), walks each object's search fields five times, and refreshes the title norms
(an average over the whole index, then an UPDATE) after every batch. This writes the
same rows: the vectors as the SQL those expressions compile to, from one walk of the
fields, and the title norms once a bulk write (search.index.writing_in_bulk).

Imported only when the database is PostgreSQL, like its SQLite sibling."""

from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

from ..index import once_after_bulk

# Rows per INSERT: large enough to amortise the round trip, small enough to keep one
# statement's text and parameters modest.
ROWS_PER_STATEMENT = 500


def vector_sql(parts, config):
    """`parts` [(text, weight)] as the tsvector modelsearch's `as_vector` stores: each
    stripped, non-empty text weighted and concatenated in order (`||` is associative:
    modelsearch's balanced tree of concatenations gives the same positions)."""
    parts = [(text.strip(), weight) for text, weight in parts]
    parts = [(text, weight) for text, weight in parts if text]
    if not parts:
        return "''::tsvector", []
    if config:
        one, params = "setweight(to_tsvector(%s::regconfig, %s), %s)", []
        for text, weight in parts:
            params += [config, text, weight]
    else:
        one, params = "setweight(to_tsvector(%s), %s)", []
        for text, weight in parts:
            params += [text, weight]
    return " || ".join([one] * len(parts)), params


def entry_row(obj, backend):
    """(object id, [(sql, params)] for title, autocomplete and body, title text, body
    text): what modelsearch's ObjectIndexer gives, from one walk of the search fields."""
    indexer = ObjectIndexer(obj, backend)
    title, body, autocomplete = [], [], []
    for field in indexer.search_fields:
        for current, weight, value in indexer.prepare_field(obj, field):
            if isinstance(current, SearchField):
                (title if current.field_name == "title" else body).append((value, weight))
            elif isinstance(current, AutocompleteField):
                autocomplete.append((value, weight))
    return (
        indexer.id,
        [
            vector_sql(title, indexer.config),
            vector_sql(autocomplete, indexer.autocomplete_config),
            vector_sql(body, indexer.config),
        ],
        " ".join(value.strip() for value, _weight in title if value.strip()),
        " ".join(value.strip() for value, _weight in body if value.strip()),
    )


class PostgresBulkIndexMixin:
    """modelsearch's PostgresIndex.add_items, with the vectors written as SQL text and the
    title norms refreshed once a bulk write. The rows are the same
    (tests/search/test_index.py compares them)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        rows = [entry_row(obj, self.backend) for obj in objs]
        content_type_id = get_content_type_pk(model)
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            values, params = [], []
            for object_id, vectors, title_text, body_text in rows[
                start : start + ROWS_PER_STATEMENT
            ]:
                values.append(
                    "(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*(sql for sql, _ in vectors))
                )
                params += [content_type_id, object_id]
                for _sql, vector_params in vectors:
                    params += vector_params
                params += [title_text, body_text]
            with self.write_connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {IndexEntry._meta.db_table} "  # noqa: S608 (names, not values)
                    "(content_type_id, object_id, title, autocomplete, body, title_norm, "
                    f"title_text, body_text) VALUES {', '.join(values)} "
                    "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                    "title = EXCLUDED.title, title_norm = 1.0, "
                    "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                    "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                    params,
                )
        if rows:
            once_after_bulk((type(self), self.write_connection.alias), self._refresh_title_norms)
