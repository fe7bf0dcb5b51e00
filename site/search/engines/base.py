"""The engine contract: search(request) → results, the same for every engine.

A SearchRequest is already validated (see search/forms.py); engines never see raw input.
"""

from dataclasses import dataclass, field

from core.labels import star_label, year_label

from ..kinds import KINDS
from ..normalize import highlight_words

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
        return KINDS[self.request.kind]

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.request.per_page))


class SearchEngine:
    """Implementations: DatabaseEngine (modelsearch) and ElasticsearchEngine."""

    name = ""

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, text: str, locale_id: int, limit: int = 8) -> list:
        """Organizations whose name starts a word with `text`: [OrganizationPage]."""
        raise NotImplementedError

    def suggest(self, text: str, locale_id: int, limit: int = 5) -> list:
        """For an empty result: organizations sharing the most of the query's bigrams."""
        raise NotImplementedError

    def rebuild(self, progress=None) -> int:
        """Index everything again; returns the number of objects indexed."""
        raise NotImplementedError


def load_in_order(kind, pks, locale_id):
    """The objects of `pks`, in that order, read through the kind's own restriction (so a
    stale index entry never shows an unpublished or foreign-locale object)."""
    if not pks:
        return []
    objects = {obj.pk: obj for obj in kind.select(kind.base_queryset(locale_id).filter(pk__in=pks))}
    return [objects[pk] for pk in pks if pk in objects]


def facet_options(facet, counts, locale_id, districts):
    """[(value, label, count)] for counts {value as str: n}, in the database engine's
    order (Kind.facet_counts). `districts` maps the locale's district codes to names."""
    from ..kinds import CATEGORY, DISTRICT, NOTICE_KIND, STAR, YEAR

    if facet is DISTRICT:
        return [
            (code, districts[code], counts[code]) for code in sorted(counts) if code in districts
        ]
    if facet is CATEGORY:
        from taxonomy.models import Category

        categories = Category.objects.filter(locale_id=locale_id, slug__in=counts)
        return [(c.slug, c.name, counts[c.slug]) for c in categories]
    if facet is NOTICE_KIND:
        from disclosure.models import NoticePage

        return [(v, label, counts[v]) for v, label in NoticePage.Kind.choices if v in counts]
    if facet is YEAR:
        return sorted(((y, year_label(y), n) for y, n in counts.items()), reverse=True)
    if facet is STAR:
        return sorted(((s, star_label(s), n) for s, n in counts.items()), reverse=True)
    return []


def district_names(locale_id):
    """{district code: name} of the locale."""
    from taxonomy.models import Region

    return dict(
        Region.objects.filter(locale_id=locale_id, level=Region.Level.DISTRICT).values_list(
            "code", "name"
        )
    )
