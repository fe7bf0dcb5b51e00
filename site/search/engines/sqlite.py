"""The search engine on SQLite: SearchEntry rows, with their tokens in an FTS5 table.

`search_entry_text` (created by migration 0003 on SQLite) has one column per weight,
`w5` (names) to `w1` (body text), holding normalised tokens (search/normalize.py); its
rowid is the SearchEntry id. FTS5's default tokenizer splits on spaces and keeps each
token (a Chinese bigram, a character, a Latin word) whole. A query term of several
tokens is a phrase (its bigrams adjacent), every term is required, and a column filter
(`{w5 w4} : (…)`) asks for the terms within the fields of a weight or more.
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ..models import SearchEntry
from ..registry import WEIGHTS, Weight
from .table import LOWEST, TableEngine

TEXT_TABLE = "search_entry_text"
COLUMNS = [f"w{int(weight)}" for weight in WEIGHTS]  # w5 … w1, in the table's order


def phrase(tokens):
    # Tokens are Chinese runs or [0-9a-z] words (normalize.TOKEN): nothing to escape.
    return '"' + " ".join(tokens) + '"'


def fts_query(terms, weight=LOWEST, prefix=False, any_term=False):
    """An FTS5 query: every term (or any, for suggestions) in the columns of `weight` or
    more; with `prefix`, the last token of the last term is a prefix."""
    parts = []
    for position, term in enumerate(terms):
        part = phrase(term.tokens)
        if prefix and position == len(terms) - 1:
            part += "*"
        parts.append(part)
    joined = (" OR " if any_term else " AND ").join(parts)
    columns = [f"w{int(w)}" for w in WEIGHTS if w >= weight]
    if len(columns) == len(COLUMNS):
        return joined
    return "{" + " ".join(columns) + "} : (" + joined + ")"


def entry_ids_matching(query):
    return RawSQL(f"SELECT rowid FROM {TEXT_TABLE} WHERE {TEXT_TABLE} MATCH %s", [query])


class SQLiteEngine(TableEngine):
    name = "sqlite"

    def match(self, terms, weight=LOWEST):
        return Q(id__in=entry_ids_matching(fts_query(terms, weight)))

    def has_facet(self, name, value):
        return Q(
            RawSQL(
                f"EXISTS (SELECT 1 FROM json_each({SearchEntry._meta.db_table}.facets) "
                "WHERE json_each.value = %s)",
                [f"{name}={value}"],
                output_field=BooleanField(),
            )
        )

    # Each facet value of each entry: one row a value (TableEngine.facet_counts).
    facet_values_sql = "SELECT j.value, COUNT(*) FROM ({entries}) e, json_each(e.facets) j"

    def insert(self, entries):
        rows = SearchEntry.objects.bulk_create(
            [SearchEntry(**entry.columns()) for entry in entries]
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (rowid, {', '.join(COLUMNS)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(COLUMNS))})",
                [
                    [row.pk, *(entry.texts.get(weight, "") for weight in WEIGHTS)]
                    for row, entry in zip(rows, entries, strict=True)
                ],
            )

    def remove(self, entry_ids):
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TEXT_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(entry_ids))})",
                entry_ids,
            )
        SearchEntry.objects.filter(id__in=entry_ids).delete()

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TEXT_TABLE}")
        SearchEntry.objects.all().delete()

    def name_ids(self, terms, locale_id, kind, limit, prefix=False, any_term=False):
        query = fts_query(terms, Weight.SHORT_NAME, prefix=prefix, any_term=any_term)
        entries = SearchEntry.objects.filter(
            kind=kind.key, locale_id=kind.entry_locale_id(locale_id), live=True
        )
        if any_term:
            # FTS5's rank (bm25): the names sharing the most of the tokens first.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid FROM {TEXT_TABLE} WHERE {TEXT_TABLE} MATCH %s "
                    "ORDER BY rank LIMIT 1000",
                    [query],
                )
                order = [row[0] for row in cursor.fetchall()]
            found = dict(entries.filter(id__in=order).values_list("id", "object_id"))
            return [found[pk] for pk in order if pk in found][:limit]
        return list(
            entries.filter(id__in=entry_ids_matching(query))
            .order_by("-sort_date", "-object_id")
            .values_list("object_id", flat=True)[:limit]
        )
