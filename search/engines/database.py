"""The database engine: modelsearch's database backend (with the Chinese query rewrite)
for matching and ranking, the ORM for facets and counts."""

from django.db import connection
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast

from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Or, PlainText

from ..kinds import KINDS
from ..normalize import QueryTerm, query_terms
from .base import FacetResult, SearchEngine, SearchResults

try:  # PostgreSQL only (see postgres_matches)
    from django.contrib.postgres.search import SearchQuery
except ImportError:  # pragma: no cover - psycopg missing
    SearchQuery = None


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self):
        self.backend = get_search_backend()

    def _regions(self, locale_id):
        from orgs.models import Region

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
        if connection.vendor == "postgresql":
            found = self.postgres_matches(kind.model, query_terms(request.query))
        else:
            found = self.backend.search(
                request.query, kind.model, order_by_relevance=False
            ).get_queryset()
        found = found.annotate(_title_match=kind.title_match(request.words)).order_by(
            "-_title_match", *kind.default_order
        )
        return kind.apply_filters(kind.restrict(found, request.locale_id), request.filters, regions)

    def postgres_matches(self, model, terms, any_term=False, fields=("title", "body")):
        """Matches read straight from modelsearch's index table on PostgreSQL.

        modelsearch's own PostgreSQL query tests `(title || body) @@ query` on a join with
        a text cast of the primary key: no index can serve it, and every common word
        scanned all 150,000 entries (about 0.5 s a query at 40,000 organizations). Here
        each term is tested as `title @@ term OR body @@ term`, which the GIN indexes on
        both columns answer, and the matching ids join back as integers."""
        entries = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(model)
        )
        config = self.backend.config or "simple"
        conditions = []
        for term in terms:
            query = SearchQuery(
                " ".join(term.tokens),
                search_type="phrase" if term.is_phrase else "plain",
                config=config,
            )
            condition = Q()
            for field in fields:
                condition |= Q(**{field: query})
            conditions.append(condition)
        if not conditions:
            return model.objects.none()
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = (combined | condition) if any_term else (combined & condition)
        ids = (
            entries.filter(combined)
            .annotate(_id=Cast("object_id", BigIntegerField()))
            .values("_id")
        )
        return model.objects.filter(pk__in=ids)

    def search(self, request):
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
        if hits and hasattr(kind, "select"):
            # Re-read the page's rows with their relations in one query, keeping the order.
            by_pk = {
                obj.pk: obj
                for obj in kind.select(type(hits[0]).objects.filter(pk__in=[h.pk for h in hits]))
            }
            hits = [by_pk[h.pk] for h in hits]
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

    def autocomplete(self, text, locale_id, limit=8):
        from orgs.models import OrganizationPage

        found = self.backend.autocomplete(text, OrganizationPage).get_queryset()
        return list(found.live().filter(locale_id=locale_id)[:limit])

    def suggest(self, text, locale_id, limit=5):
        from orgs.models import OrganizationPage

        tokens = [token for term in query_terms(text) for token in term.tokens]
        if not tokens:
            return []
        if connection.vendor == "postgresql":
            single = [QueryTerm(token, (token,)) for token in tokens]
            found = self.postgres_matches(
                OrganizationPage, single, any_term=True, fields=("title",)
            )
            return list(found.live().filter(locale_id=locale_id).order_by("title")[:limit])
        # Any token, ranked by how many match (a SearchQuery object is not rewritten).
        query = (
            Or([PlainText(token) for token in tokens]) if len(tokens) > 1 else PlainText(tokens[0])
        )
        found = self.backend.search(query, OrganizationPage).get_queryset()
        return list(found.live().filter(locale_id=locale_id)[:limit])

    def rebuild(self, progress=None):
        from ..rebuild import rebuild_backend

        return rebuild_backend(self.backend, progress)
