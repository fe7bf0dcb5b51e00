"""The engine contract: search(request) → results, the same for every engine.

A SearchRequest is already validated (see search/forms.py); engines never see raw input.
"""

from dataclasses import dataclass, field

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
