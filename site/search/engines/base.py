"""The engine contract: search(request) → results, the same for every engine.

A SearchRequest is already validated (search/forms.py); engines never see raw input.
Every engine stores the entries of search.documents.prepare() and ranks the same way:
by the highest weight at which a hit's fields hold every query word (search.registry
.Weight), then newest first (the kind's sort date), then the newest object.
"""

from dataclasses import dataclass, field

from .. import registry
from ..normalize import highlight_words, query_terms

PER_PAGE = 10


@dataclass
class SearchRequest:
    query: str
    locale_id: int
    kind: str = "orgs"
    filters: dict = field(default_factory=dict)  # facet name → value (codes, slugs, numbers)
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def words(self):
        return highlight_words(self.query)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def filters_for(self, kind):
        """The request's filters that apply to `kind`, as (name, value) pairs."""
        return [
            (facet.name, str(self.filters[facet.name]))
            for facet in kind.facets
            if self.filters.get(facet.name) not in (None, "")
        ]


@dataclass
class FacetResult:
    name: str
    label: str
    options: list  # [(value, label, count)]
    selected: str = ""


@dataclass
class SearchResults:
    request: SearchRequest
    counts: dict  # kind key → number of hits with the current filters
    hits: list  # the objects of the current page of the active kind
    total: int  # hits of the active kind
    facets: list = field(default_factory=list)

    @property
    def kind(self):
        return registry.get(self.request.kind)

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.request.per_page))


class SearchEngine:
    """Implementations: SQLiteEngine, PostgreSQLEngine, ElasticsearchEngine; one is
    chosen by settings.SEARCH_ENGINE."""

    name = ""
    # True: entries are written in the content's own transaction (the database engines);
    # False: after the commit, and a failure is logged rather than raised (a publish
    # must not fail because a search node is down; rebuild_search repairs).
    writes_in_transaction = True
    errors: tuple = ()  # what a failed write may raise, when writes_in_transaction is False
    # What a search raises when the engine's service does not answer: the views then ask
    # the database's own engine (search/views.py). Nothing for the database engines.
    unavailable: tuple = ()

    def answers(self) -> bool:
        """Whether the engine's service answers now (/healthz); the database engines'
        is the database, which /healthz checks itself."""
        return True

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def name_ids(self, terms, locale_id, kind, limit, prefix=False, any_term=False):
        """Object ids of `kind` whose names (weights SHORT_NAME and NAME) hold every term,
        the last as a prefix with `prefix`, newest first; or, with `any_term`, any of their
        tokens, those sharing the most first."""
        raise NotImplementedError

    def autocomplete(self, text: str, locale_id: int, limit: int = 8) -> list:
        """Objects of the autocomplete kinds whose names start a word with `text`."""
        return self._names(text, locale_id, limit, prefix=True)

    def suggest(self, text: str, locale_id: int, limit: int = 5) -> list:
        """For an empty result: objects of the autocomplete kinds whose names share the
        most of the query's tokens."""
        return self._names(text, locale_id, limit, any_term=True)

    def _names(self, text, locale_id, limit, **options):
        terms = query_terms(text)
        found = []
        for kind in registry.kinds().values():
            if kind.autocomplete and terms and len(found) < limit:
                ids = self.name_ids(terms, locale_id, kind, limit - len(found), **options)
                found += load_in_order(kind, ids, locale_id)
        return found

    def write(self, kind, objects):
        """Store the current entries of `objects` (rows of `kind`)."""
        raise NotImplementedError

    def delete(self, kind, object_ids):
        raise NotImplementedError

    def rebuild(self, progress=None) -> int:
        """Index everything again; returns the number of objects indexed.
        `progress(label, done, total)` is called after each batch."""
        raise NotImplementedError

    # Shared by the engines ---------------------------------------------------------
    @staticmethod
    def results(request, counts, object_ids, facet_counts):
        """SearchResults from the engine's raw answers: the page's object ids in order,
        and {facet name: {value: count}} for the active kind."""
        kind = registry.get(request.kind)
        facets = []
        if counts[request.kind]:
            for facet in kind.facets:
                facets.append(
                    FacetResult(
                        facet.name,
                        facet.label,
                        facet.options(facet_counts.get(facet.name, {}), request.locale_id),
                        str(request.filters.get(facet.name, "") or ""),
                    )
                )
        return SearchResults(
            request=request,
            counts=counts,
            hits=load_in_order(kind, object_ids, request.locale_id),
            total=counts[request.kind],
            facets=facets,
        )


def load_in_order(kind, object_ids, locale_id):
    """The objects of `object_ids`, in that order, read through the kind's public
    restriction (so a stale entry never shows an unpublished or foreign-locale object)."""
    if not object_ids:
        return []
    queryset = kind.visible(kind.indexed_objects(), locale_id).filter(pk__in=object_ids)
    objects = {obj.pk: obj for obj in queryset}
    return [objects[pk] for pk in object_ids if pk in objects]


def everything(progress=None, size=500):
    """(kind, batch of its objects) for every object of every kind, for a rebuild;
    `progress(label, done, total)` after each batch."""
    for kind in registry.kinds().values():
        queryset = kind.indexed_objects().order_by("pk")
        total, done = queryset.count(), 0
        for batch in batches(queryset, size):
            yield kind, batch
            done += len(batch)
            if progress:
                progress(kind.label, done, total)


def batches(queryset, size=500):
    """Lists of at most `size` objects, read with one query a batch."""
    batch = []
    for obj in queryset.iterator(chunk_size=size):
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
