"""The Elasticsearch engine: the documents of search/documents.py, searched with
elasticsearch-dsl. It answers as DatabaseEngine does (the same counts, facets and hits;
only the ranking is Elasticsearch's own), from one index per kind and locale.

Queries are built from `search.normalize.query_terms`, like the database backend's
rewrite: every term must match (bool/must, never Elasticsearch's default OR), a term of
several tokens as a phrase (its characters adjacent), a one-token term as that exact
token. The functions that build the request bodies touch neither the network nor the
database, so tests can check them without a node.

The index follows the content through `connect_signals()`; see docs/search-elasticsearch.md.
"""

import logging

from wagtail.models import Locale

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import FacetedSearch, MultiSearch, Q, Search, TermsFacet

from .. import sync
from ..documents import ALIAS, DOCUMENTS, client, index_name
from ..kinds import DISTRICT, KINDS
from ..normalize import query_terms
from ..rebuild import chunks
from .base import (
    FacetResult,
    SearchEngine,
    SearchResults,
    district_names,
    facet_options,
    load_in_order,
)

logger = logging.getLogger(__name__)

BOOSTED = 2  # weight of a match in the boosted fields (title, short name, summary…)
NAMES_FIRST = 10_000  # far above any relevance score: name matches form the first tier
FACET_SIZE = 200  # more options than any facet has (districts, categories, years)
SORT = ("_score", "pk")  # relevance, then a stable order for paging


# Request bodies --------------------------------------------------------------------
def term_query(term, field="text", boost=None):
    """One query term: its tokens next to each other, or its one token exactly."""
    if term.is_phrase:
        body = {"query": " ".join(term.tokens)}
    else:
        body = {"value": term.tokens[0]}
    if boost:
        body["boost"] = boost
    return Q("match_phrase" if term.is_phrase else "term", **{field: body})


def visible(locale_id):
    """What the public may see, in the reader's locale (Kind.restrict)."""
    return [Q("term", locale_id=locale_id), Q("term", live=True)]


def facet_filters(kind, filters, district_codes):
    """The request's filters that apply to the kind (Kind.apply_filters)."""
    clauses = []
    for facet in kind.facets:
        value = filters.get(facet.name)
        if not value:
            continue
        if facet is DISTRICT and value not in district_codes:
            continue  # not a district of this locale: ignored, as the database engine does
        clauses.append(Q("term", **{facet.name: str(value)}))
    return clauses


def names_first(terms):
    """Ranks first the hits whose names hold every term, like the database engine's
    `Kind.title_match`. (Here the terms may be spread over a kind's two names, title
    and short name; the database wants them in one. Ranking only, never what is found.)"""
    return Q(
        "constant_score",
        filter=Q("bool", must=[term_query(term, "titles") for term in terms]),
        boost=NAMES_FIRST,
    )


def kind_query(kind, terms, request, district_codes):
    """Every term required; names first, then relevance; only what the reader may see,
    narrowed by the request's filters."""
    if not terms:
        return Q("match_none")
    return Q(
        "bool",
        must=[term_query(term) for term in terms],
        should=[names_first(terms)] + [term_query(term, "boosted", BOOSTED) for term in terms],
        filter=visible(kind.index_locale_id(request.locale_id))
        + facet_filters(kind, request.filters, district_codes),
    )


def index_language(kind, request, language_code):
    """Records live in the zh-hans source's index whatever the reader's script."""
    locale_id = kind.index_locale_id(request.locale_id)
    if locale_id == request.locale_id:
        return language_code
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


def kind_search(kind, terms, request, language_code, district_codes):
    """The search of one kind, for counting (no hits, no facets)."""
    return (
        Search(
            index=index_name(kind.key, index_language(kind, request, language_code)), using=ALIAS
        )
        .query(kind_query(kind, terms, request, district_codes))
        .extra(size=0, track_total_hits=True)
        # A locale that has nothing yet may have no index: nothing found, not an error.
        .params(ignore_unavailable=True)
    )


class KindFacetedSearch(FacetedSearch):
    """The active kind: a page of hits, the exact total and the facet counts.

    The request's filters are part of the query, not FacetedSearch's post_filter: the
    database engine counts facet options within the filtered matches, and both engines
    must give the same numbers."""

    using = ALIAS

    def __init__(self, kind, query, language_code):
        self.index = index_name(kind.key, language_code)
        self.facets = {
            facet.name: TermsFacet(field=facet.name, size=FACET_SIZE) for facet in kind.facets
        }
        super().__init__(query=query, sort=SORT)

    def search(self):
        return (
            super()
            .search()
            .source(["pk"])
            .extra(track_total_hits=True)
            .params(ignore_unavailable=True)
        )

    def query(self, search, query):
        return search.query(query)


def autocomplete_search(text, locale_id, language_code, limit):
    """Organizations whose name has a word starting with each typed token."""
    tokens = [token for term in query_terms(text) for token in term.tokens]
    if not tokens:
        return None
    return (
        Search(index=index_name("orgs", language_code), using=ALIAS)
        .query(
            "bool",
            must=[Q("match", **{"names.prefix": {"query": " ".join(tokens), "operator": "and"}})],
            filter=visible(locale_id),
        )
        .sort(*SORT)
        .source(["pk"])
        .params(ignore_unavailable=True)[:limit]
    )


def suggest_search(text, locale_id, language_code, limit):
    """Organizations sharing any of the query's tokens; each token counts one, so the
    score is the number of tokens shared and the most matches come first."""
    tokens = list(dict.fromkeys(token for term in query_terms(text) for token in term.tokens))
    if not tokens:
        return None
    return (
        Search(index=index_name("orgs", language_code), using=ALIAS)
        .query(
            "bool",
            should=[Q("constant_score", filter=Q("term", text=token)) for token in tokens],
            minimum_should_match=1,
            filter=visible(locale_id),
        )
        .sort(*SORT)
        .source(["pk"])
        .params(ignore_unavailable=True)[:limit]
    )


# Indices ---------------------------------------------------------------------------
def create_index(es, document, language_code):
    """A new, empty index for a kind in one locale; returns its name."""
    name = document.new_index_name(language_code)
    document.index_for(language_code, name=name).create(using=es)
    return name


def point_alias(es, alias, name):
    """Move `alias` to index `name` and drop the indices it pointed to, in one step."""
    actions = [{"add": {"index": name, "alias": alias}}]
    if es.indices.exists_alias(name=alias):
        old = [index for index in es.indices.get_alias(name=alias) if index != name]
        actions += [{"remove_index": {"index": index}} for index in old]
    elif es.indices.exists(index=alias):
        # A plain index under the alias's name (Elasticsearch creates one when a document
        # is written to a missing index): it gives way to the alias.
        actions.append({"remove_index": {"index": alias}})
    es.indices.update_aliases(actions=actions)


def ensure_index(es, document, language_code):
    """The alias of a kind in one locale, created empty if it does not exist yet."""
    alias = index_name(document.kind, language_code)
    if not es.indices.exists(index=alias):
        point_alias(es, alias, create_index(es, document, language_code))
    return alias


def index_actions(document, objects, index):
    for obj in objects:
        doc = document.prepare(obj)
        yield {"_index": index, "_id": doc.meta.id, "_source": doc.to_dict()}


# The engine ------------------------------------------------------------------------
class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self):
        self.es = client()

    @staticmethod
    def _language(locale_id):
        return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)

    _districts = staticmethod(district_names)

    def search(self, request):
        language = self._language(request.locale_id)
        districts = self._districts(request.locale_id)
        terms = query_terms(request.query)
        kind = KINDS[request.kind]

        others = [key for key in KINDS if key != request.kind]
        counting = MultiSearch(using=self.es)
        for key in others:
            counting = counting.add(kind_search(KINDS[key], terms, request, language, districts))
        found = {
            key: response.hits.total.value
            for key, response in zip(others, counting.execute(), strict=True)
        }

        start = (request.page - 1) * request.per_page
        faceted = KindFacetedSearch(
            kind,
            kind_query(kind, terms, request, districts),
            index_language(kind, request, language),
        )
        response = faceted[start : start + request.per_page].execute()
        found[request.kind] = response.hits.total.value
        counts = {key: found[key] for key in KINDS}  # in tab order, as the views expect

        hits = self._load(kind, [int(hit.meta.id) for hit in response], request.locale_id)
        facets = []
        if counts[request.kind]:
            for facet in kind.facets:
                buckets = {str(value): n for value, n, _selected in response.facets[facet.name]}
                facets.append(
                    FacetResult(
                        facet.name,
                        facet.label,
                        self._options(facet, buckets, request.locale_id, districts),
                        request.filters.get(facet.name, ""),
                    )
                )
        return SearchResults(
            request=request, counts=counts, hits=hits, total=counts[request.kind], facets=facets
        )

    _load = staticmethod(load_in_order)

    @staticmethod
    def _options(facet, counts, locale_id, districts):
        return facet_options(facet, counts, locale_id, districts)

    def _organizations(self, search, locale_id):
        if search is None:
            return []
        response = search.using(self.es).execute()
        return self._load(KINDS["orgs"], [int(hit.meta.id) for hit in response], locale_id)

    def autocomplete(self, text, locale_id, limit=8):
        language = self._language(locale_id)
        return self._organizations(autocomplete_search(text, locale_id, language, limit), locale_id)

    def suggest(self, text, locale_id, limit=5):
        language = self._language(locale_id)
        return self._organizations(suggest_search(text, locale_id, language, limit), locale_id)

    def rebuild(self, progress=None):
        """Fill a new index per kind and locale, then move the alias to it: searches
        keep reading the old index until the new one is complete."""
        indexed = 0
        for locale in Locale.objects.order_by("pk"):
            for key, document in DOCUMENTS.items():
                label = f"{KINDS[key].label}（{locale.get_display_name()}）"
                name = create_index(self.es, document, locale.language_code)
                objects = document.in_locale(locale).order_by("pk")
                total, done = objects.count(), 0
                try:
                    for batch in chunks(objects):
                        bulk(self.es, index_actions(document, batch, name))
                        done += len(batch)
                        if progress:
                            progress(label, done, total)
                    self.es.indices.refresh(index=name)
                except BaseException:
                    # The alias still points at the previous, complete index.
                    self.es.indices.delete(index=name)
                    raise
                point_alias(self.es, index_name(key, locale.language_code), name)
                indexed += done
        return indexed


# Keeping the index current ---------------------------------------------------------
# Wagtail's signal handlers keep its own (modelsearch) index current; these keep ours.
# - Every write re-reads the rows after the transaction commits: a rolled-back edit
#   never reaches the index, tags and other child rows (written after the page) are
#   there, and the same row signalled twice (a publish is also a save) is written twice
#   with the same content, which is harmless.
# - A failed write is logged, not raised: publishing must not fail because the search
#   node is down, and `manage.py rebuild_search` repairs the index.
INDEX_ERRORS = (ApiError, TransportError, BulkIndexError)


def update_documents(document, pks):
    """Write the current state of rows `pks` of the document's model."""
    es = client()
    by_locale = {}
    for obj in document.get_queryset().filter(pk__in=pks).select_related(document.locale_lookup):
        by_locale.setdefault(document.locale_of(obj).language_code, []).append(obj)
    for language_code, objects in by_locale.items():
        bulk(es, index_actions(document, objects, ensure_index(es, document, language_code)))


def delete_document(document, pk, language_code):
    try:
        client().delete(index=index_name(document.kind, language_code), id=pk)
    except NotFoundError:
        pass  # never indexed, or the index is gone


class ElasticsearchStore:
    """search.sync writes through this: after the commit, errors logged not raised (a
    publish must not fail because the search node is down; rebuild_search repairs)."""

    name = "elasticsearch"
    after_commit = True
    errors = INDEX_ERRORS

    def update(self, document, pks):
        update_documents(document, pks)

    def delete(self, document, pk, language_code):
        delete_document(document, str(pk), language_code)


_store = ElasticsearchStore()


def connect_signals():
    """Keep the Elasticsearch documents current. Call once at start-up, only when the
    Elasticsearch engine is configured (from SearchConfig.ready())."""
    sync.connect(_store)


def disconnect_signals():
    sync.disconnect(_store)
