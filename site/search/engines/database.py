"""The database engine, on whichever database DATABASE_URL names.

- SQLite: modelsearch's FTS5 index (with the Chinese query rewrite) finds the matches;
  the ORM filters, counts, facets and orders them.
- PostgreSQL: the SearchEntry table (search/models.py) answers counts, facets and a
  page of hits in one narrow table each; modelsearch's PostgreSQL index is left to the
  admin search (its `(title || body) @@ query` cannot use an index, see models.py).

Ranking, both ways: hits whose name holds every query word first, then newest first.
"""

from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from ..kinds import KINDS
from ..normalize import query_terms
from .base import (
    FacetResult,
    SearchEngine,
    SearchResults,
    district_names,
    facet_options,
    load_in_order,
)


def on_postgresql():
    return connection.vendor == "postgresql"


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self):
        self.backend = get_search_backend()

    def search(self, request):
        if on_postgresql():
            return self._search_entries(request)
        return self._search_fts(request)

    # PostgreSQL ------------------------------------------------------------------------
    def _search_entries(self, request):
        from ..entries import search_entries

        kind = KINDS[request.kind]
        districts = district_names(request.locale_id)
        counts, ids, facet_counts = search_entries(request, query_terms(request.query), districts)
        facets = [
            FacetResult(
                facet.name,
                facet.label,
                facet_options(facet, facet_counts[facet], request.locale_id, districts),
                request.filters.get(facet.name, ""),
            )
            for facet in facet_counts
        ]
        return SearchResults(
            request=request,
            counts=counts,
            hits=load_in_order(kind, ids, request.locale_id),
            total=counts[request.kind],
            facets=facets,
        )

    # SQLite -------------------------------------------------------------------------------
    def _regions(self, locale_id):
        from taxonomy.models import Region

        return {
            r.code: r
            for r in Region.objects.filter(locale_id=locale_id, level=Region.Level.DISTRICT)
        }

    def matched(self, kind, request, regions):
        """The kind's matches as a filtered ORM queryset: names first, then newest first.

        modelsearch only accepts filters on declared FilterFields; searching the whole
        model and filtering the returned queryset with the ORM keeps every filter
        possible (`get_queryset()` is the database results' own queryset). Its relevance
        score is a correlated subquery per matching row, which took 20 s for a common
        word at 40,000 organizations on SQLite; the order used here costs nothing extra."""
        found = self.backend.search(
            request.query, kind.model, order_by_relevance=False
        ).get_queryset()
        found = found.annotate(_title_match=kind.title_match(request.words)).order_by(
            "-_title_match", *kind.default_order
        )
        return kind.apply_filters(kind.restrict(found, request.locale_id), request.filters, regions)

    def _search_fts(self, request):
        regions = self._regions(request.locale_id)
        counts, active = {}, None
        for key, kind in KINDS.items():
            results = self.matched(kind, request, regions)
            counts[key] = results.count()
            if key == request.kind:
                active = results
        kind = KINDS[request.kind]
        start = (request.page - 1) * request.per_page
        hits = list(active[start : start + request.per_page]) if counts[request.kind] else []
        if hits:
            # Re-read the page's rows with their relations in one query, keeping the order.
            hits = load_in_order(kind, [hit.pk for hit in hits], request.locale_id)
        facets = []
        if counts[request.kind]:
            for facet in kind.facets:
                options = kind.facet_counts(active, facet, request.locale_id)
                facets.append(
                    FacetResult(
                        facet.name, facet.label, options, request.filters.get(facet.name, "")
                    )
                )
        return SearchResults(
            request=request, counts=counts, hits=hits, total=counts[request.kind], facets=facets
        )

    # Both ---------------------------------------------------------------------------------
    def autocomplete(self, text, locale_id, limit=8):
        from orgs.models import OrganizationPage

        if on_postgresql():
            from ..entries import autocomplete_entries

            terms = query_terms(text)
            ids = autocomplete_entries(terms, locale_id, limit) if terms else []
            return load_in_order(KINDS["orgs"], ids, locale_id)
        found = self.backend.autocomplete(text, OrganizationPage).get_queryset()
        return list(found.live().filter(locale_id=locale_id)[:limit])

    def suggest(self, text, locale_id, limit=5):
        from orgs.models import OrganizationPage

        tokens = [token for term in query_terms(text) for token in term.tokens]
        if not tokens:
            return []
        if on_postgresql():
            from ..entries import suggest_entries

            return load_in_order(
                KINDS["orgs"], suggest_entries(tokens, locale_id, limit), locale_id
            )
        # Any token, ranked by how many match (a SearchQuery object is not rewritten).
        query = (
            Or([PlainText(token) for token in tokens]) if len(tokens) > 1 else PlainText(tokens[0])
        )
        found = self.backend.search(query, OrganizationPage).get_queryset()
        return list(found.live().filter(locale_id=locale_id)[:limit])

    def rebuild(self, progress=None):
        """Wagtail's index is rebuilt by rebuild_search itself; on PostgreSQL the public
        search reads SearchEntry, rebuilt here."""
        if on_postgresql():
            from ..entries import EntryStore

            return EntryStore().rebuild(progress)
        return 0
