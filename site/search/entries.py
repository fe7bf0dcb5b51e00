"""Building and writing SearchEntry rows (PostgreSQL), from the Elasticsearch documents.

One document class per kind (search/documents.py) already knows how to turn a model
instance into its searchable text and facet values; the rows here carry the same."""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from .documents import DOCUMENTS
from .kinds import KINDS
from .models import SearchEntry
from .normalize import is_cjk

CONFIG = "simple"  # the text is already normalised: no stemming, no stop words
COLUMNS = ["locale_id", "live", "district", "category", "notice_kind", "year", "star", "sort_date"]


def sort_date(kind, obj):
    """The date a kind is listed by after names (newest first)."""
    value = {
        "orgs": lambda: obj.filed_on,
        "notices": lambda: obj.starts_on,
        "funding": lambda: obj.awarded_on or datetime.date(obj.year, 12, 31),
        "evaluations": lambda: obj.evaluated_on,
        "cases": lambda: obj.published_on,
    }.get(kind, lambda: obj.first_published_at.date() if obj.first_published_at else None)()
    return value


def token_set(text):
    """The distinct tokens of normalised text, minus the single characters that also
    start one of its bigrams: a one-character query asks for `字:*` (a bigram starting
    with it) or `字` (a character that starts none, ending its run), which finds the same
    rows with about half the tokens stored."""
    tokens = set(text.split())
    starts = {token[0] for token in tokens if len(token) == 2 and is_cjk(token)}
    return sorted(t for t in tokens if not (len(t) == 1 and is_cjk(t) and t in starts))


def entry_values(document, obj):
    doc = document.prepare(obj).to_dict()
    year = doc.get("year")
    star = doc.get("star")
    return {
        "locale_id": int(doc["locale_id"]),
        "live": bool(doc["live"]),
        "text": " ".join(doc.get("text", [])),
        "names": " ".join(doc.get("titles", [])),
        "district": doc.get("district") or "",
        "category": doc.get("category") or "",
        "notice_kind": doc.get("notice_kind") or "",
        "year": int(year) if year else None,
        "star": int(star) if star else None,
        "sort_date": sort_date(document.kind, obj),
    }


class EntryStore:
    """Writes SearchEntry rows in the content's own transaction."""

    name = "postgresql"

    def update(self, document, pks):
        objects = list(document.get_queryset().filter(pk__in=pks))
        self.write(document, objects)
        missing = set(pks) - {obj.pk for obj in objects}
        if missing:
            SearchEntry.objects.filter(kind=document.kind, object_id__in=missing).delete()

    def write(self, document, objects):
        if not objects:
            return
        rows = [(obj.pk, entry_values(document, obj)) for obj in objects]
        columns = ["kind", "object_id", *COLUMNS, "tokens", "names"]
        # The set of tokens, without positions: a third of the size of to_tsvector(), so
        # the rows a common word touches are read several times faster.
        placeholders = ["%s"] * (2 + len(COLUMNS)) + ["array_to_tsvector(%s::text[])"] * 2
        sql = (
            f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(placeholders)})"
        )
        params = [
            [
                document.kind,
                pk,
                *(values[c] for c in COLUMNS),
                token_set(values["text"]),
                sorted(set(values["names"].split())),
            ]
            for pk, values in rows
        ]
        with transaction.atomic():
            SearchEntry.objects.filter(
                kind=document.kind, object_id__in=[pk for pk, _ in rows]
            ).delete()
            with connection.cursor() as cursor:
                # tsvectors computed by PostgreSQL from the normalised text, in one statement.
                cursor.executemany(sql, params)

    def delete(self, document, pk, language_code):
        SearchEntry.objects.filter(kind=document.kind, object_id=pk).delete()

    def rebuild(self, progress=None, chunk_size=500):
        from .rebuild import chunks

        with connection.cursor() as cursor:
            # TRUNCATE, not DELETE: a rebuild leaves no dead rows for searches to step over.
            cursor.execute(f"TRUNCATE {SearchEntry._meta.db_table}")
        total_indexed = 0
        for kind, document in DOCUMENTS.items():
            queryset = document.get_queryset().order_by("pk")
            total = queryset.count()
            done = 0
            for batch in chunks(queryset, chunk_size):
                self.write(document, batch)
                done += len(batch)
                if progress:
                    progress(KINDS[kind].label, done, total)
            total_indexed += done
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
        return total_indexed


# Reading ---------------------------------------------------------------------------
def tsquery(terms, prefix_last=False, any_term=False):
    """A PostgreSQL tsquery for normalised terms; all terms required (or any, for
    suggestions). Tokens are Chinese runs or [0-9a-z] words (normalize.TOKEN), so they
    need no quoting in tsquery syntax.

    A word's overlapping bigrams are required together (巡逻 & 逻队) rather than as a
    phrase (巡逻 <-> 逻队): the rows store token sets without positions (see
    EntryStore.write), which the GIN index answers exactly; a phrase made PostgreSQL
    re-read every matching row (about 3× slower for a common word at 40,000
    organizations). Overlapping bigrams are adjacent in practice: 逻队 occurs where 巡逻队
    does. Quoted text is matched the same way here (exact only on SQLite and
    Elasticsearch)."""
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


def entry_filters(kind, filters, districts, request_locale_id):
    """The request's filters that apply to the kind, on SearchEntry's columns."""
    from .kinds import DISTRICT

    condition = Q(kind=kind.key, locale_id=kind.index_locale_id(request_locale_id))
    for facet in kind.facets:
        value = filters.get(facet.name)
        if not value or (facet is DISTRICT and value not in districts):
            continue  # an unknown district is ignored, as Kind.apply_filters does
        condition &= Q(**{facet.name: value})
    return condition


def search_entries(request, terms, districts):
    """(counts per kind, the active kind's page of object ids, its facet counts)."""
    query = tsquery(terms)
    matched = SearchEntry.objects.filter(live=True, tokens=query)  # locale: per kind, below
    conditions = {
        key: entry_filters(kind, request.filters, districts, request.locale_id)
        for key, kind in KINDS.items()
    }
    counts = matched.aggregate(  # every tab's count in one pass over the matches
        **{key: Count("id", filter=condition) for key, condition in conditions.items()}
    )
    active = matched.filter(conditions[request.kind])
    start = (request.page - 1) * request.per_page
    ids = list(
        active.annotate(
            _names=Case(
                When(names=query, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-_names", F("sort_date").desc(nulls_last=True), "-object_id")
        .values_list("object_id", flat=True)[start : start + request.per_page]
    )
    facets = {}
    if counts[request.kind]:
        for facet in KINDS[request.kind].facets:
            rows = active.exclude(
                **{facet.name: ""} if facet.name in TEXT_FACETS else {f"{facet.name}__isnull": True}
            )
            facets[facet] = {
                str(row[facet.name]): row["n"]
                for row in rows.values(facet.name).annotate(n=Count("id")).order_by()
            }
    return counts, ids, facets


def autocomplete_entries(terms, locale_id, limit):
    """Organization ids whose names start a word with the last term (prefix)."""
    query = tsquery(terms, prefix_last=True)
    return list(
        SearchEntry.objects.filter(kind="orgs", locale_id=locale_id, live=True, names=query)
        .order_by(F("sort_date").desc(nulls_last=True))
        .values_list("object_id", flat=True)[:limit]
    )


def suggest_entries(tokens, locale_id, limit):
    """Organization ids whose names share the most of `tokens`."""
    from .normalize import QueryTerm

    query = tsquery([QueryTerm(t, (t,)) for t in tokens], any_term=True)
    return list(
        SearchEntry.objects.filter(kind="orgs", locale_id=locale_id, live=True, names=query)
        .annotate(rank=SearchRank(F("names"), query))
        .order_by("-rank", "-object_id")
        .values_list("object_id", flat=True)[:limit]
    )


TEXT_FACETS = {"district", "category", "notice_kind"}
