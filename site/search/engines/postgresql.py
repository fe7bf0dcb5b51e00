"""The search engine on PostgreSQL: SearchEntry rows with their tokens as tsvectors.

Each row stores token *sets* (`array_to_tsvector`, no positions: a third of the size of
`to_tsvector()`, so the rows a common word touches are read several times faster), one
per weight and up: `tokens` (every field, GIN-indexed) for matching, `tokens_5` …
`tokens_2` for the weight a hit ranks at, `tokens_4` (names, GIN-indexed) for
autocomplete and suggestions. A query word's overlapping bigrams are required together
(巡逻 & 逻队) rather than as a phrase: without positions the GIN index answers exactly;
a phrase made PostgreSQL re-read every matching row (about 3× slower for a common word
at 40,000 organizations). Overlapping bigrams are adjacent in practice (逻队 occurs where
巡逻队 does). Quoted text is matched the same way here (exactly only on SQLite and
Elasticsearch).
"""

import json

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from ..models import SearchEntry
from ..normalize import QueryTerm, is_cjk
from ..registry import WEIGHTS, Weight
from .table import LOWEST, TableEngine

CONFIG = "simple"  # the text is already normalised: no stemming, no stop words
VECTORS = {weight: "tokens" if weight == LOWEST else f"tokens_{int(weight)}" for weight in WEIGHTS}


def token_set(text):
    """The distinct tokens of normalised text, minus the single characters that also
    start one of its bigrams: a one-character query asks for `字:*` (a bigram starting
    with it) or `字` (a character that starts none, ending its run), which finds the same
    rows with about half the tokens stored."""
    tokens = set(text.split())
    starts = {token[0] for token in tokens if len(token) == 2 and is_cjk(token)}
    return sorted(t for t in tokens if not (len(t) == 1 and is_cjk(t) and t in starts))


def tsquery(terms, prefix_last=False, any_term=False):
    """A tsquery for normalised terms: all required (or any, for suggestions). Tokens
    are Chinese runs or [0-9a-z] words (normalize.TOKEN): nothing to quote."""
    parts = []
    for position, term in enumerate(terms):
        tokens = list(term.tokens)
        if prefix_last and position == len(terms) - 1:
            tokens[-1] += ":*"
        if len(tokens) > 1:
            parts.append(" & ".join(tokens))
        elif is_cjk(tokens[0]) and len(tokens[0]) == 1:
            parts.append(f"{tokens[0]}:* | {tokens[0]}")  # see token_set()
        else:
            parts.append(tokens[0])
    joined = (" | " if any_term else " & ").join(f"({part})" for part in parts)
    return SearchQuery(joined, search_type="raw", config=CONFIG)


class PostgreSQLEngine(TableEngine):
    name = "postgresql"

    def match(self, terms, weight=LOWEST):
        return Q(**{VECTORS[weight]: tsquery(terms)})

    def has_facet(self, name, value):
        return Q(facets__contains=[f"{name}={value}"])  # jsonb @>, GIN-indexed

    # Each facet value of each entry: one row a value (TableEngine.facet_counts).
    facet_values_sql = (
        "SELECT j.value, COUNT(*) FROM ({entries}) e, jsonb_array_elements_text(e.facets) j(value)"
    )

    def insert(self, entries):
        columns = ["kind", "object_id", "locale_id", "live", "sort_date", "facets"]
        vectors = [VECTORS[weight] for weight in WEIGHTS]
        placeholders = ["%s"] * (len(columns) - 1) + ["%s::jsonb"]
        placeholders += ["array_to_tsvector(%s::text[])"] * len(vectors)
        sql = (
            f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(columns + vectors)}) "
            f"VALUES ({', '.join(placeholders)})"
        )
        params = [
            [
                entry.kind,
                entry.object_id,
                entry.locale_id,
                entry.live,
                entry.sort_date,
                json.dumps(entry.facet_values, ensure_ascii=False),
                *(token_set(entry.tokens(weight)) for weight in WEIGHTS),
            ]
            for entry in entries
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def remove(self, entry_ids):
        SearchEntry.objects.filter(id__in=entry_ids).delete()

    def clear(self):
        with connection.cursor() as cursor:
            # TRUNCATE, not DELETE: a rebuild leaves no dead rows for searches to step over.
            cursor.execute(f"TRUNCATE {SearchEntry._meta.db_table}")

    def name_ids(self, terms, locale_id, kind, limit, prefix=False, any_term=False):
        names = VECTORS[Weight.SHORT_NAME]
        entries = SearchEntry.objects.filter(
            kind=kind.key, locale_id=kind.entry_locale_id(locale_id), live=True
        )
        if any_term:
            tokens = [token for term in terms for token in term.tokens]
            query = tsquery([QueryTerm(t, (t,)) for t in tokens], any_term=True)
            ranked = entries.filter(**{names: query}).annotate(rank=SearchRank(F(names), query))
            order = ("-rank", "-object_id")
        else:
            ranked = entries.filter(**{names: tsquery(terms, prefix_last=prefix)})
            order = (F("sort_date").desc(nulls_last=True), "-object_id")
        return list(ranked.order_by(*order).values_list("object_id", flat=True)[:limit])
