"""The Elasticsearch engine: the entries of search.documents.prepare() in one index, searched
with elasticsearch-dsl. It answers as the database engines do: the same matches, counts,
facets and order (weight, then newest), from one request per search.

The index is an alias, `{ELASTICSEARCH_INDEX_PREFIX}_entries`: a rebuild fills a new index
and moves the alias in one step, so readers never see a half-built index. Documents hold
the normalised tokens one field per weight (`w5` names … `w1` body text); Elasticsearch
only splits them on whitespace, since its own analysers would cut Chinese differently
from the query side. Facet values are keywords ("district=420106"), so a filter is a
`term` and counts are a `terms` aggregation, whatever facets the kinds declare.

The functions that build request bodies touch neither the network nor the database, so
tests check them without a node; the engine itself is tested against a real node only.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import (
    A,
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    connections,
    token_filter,
)

from .. import registry
from ..documents import prepare
from ..normalize import query_terms
from ..registry import WEIGHTS, Weight
from .base import SearchEngine, everything

logger = logging.getLogger(__name__)

FACET_SIZE = 500  # more values than any facet has (districts, categories, years)
FIELDS = {weight: f"w{int(weight)}" for weight in WEIGHTS}

# The text is already normalised: only split it. Its tokens are whole words, so the
# `term` query of a one-token query term matches them exactly.
normalised = analyzer("normalised", tokenizer="whitespace")
# Autocomplete: every leading part of a token (七宝 → 七, 七宝), so one typed character
# finds the names it starts a word of.
name_prefix = analyzer(
    "name_prefix",
    tokenizer="whitespace",
    filter=[token_filter("name_edge", "edge_ngram", min_gram=1, max_gram=15)],
)


class EntryDocument(Document):
    kind = Keyword()
    object_id = Long()
    locale_id = Integer()
    live = Boolean()
    sort_date = Date()
    facets = Keyword()
    w5 = Text(analyzer=normalised)
    w4 = Text(analyzer=normalised)
    w3 = Text(analyzer=normalised)
    w2 = Text(analyzer=normalised)
    w1 = Text(analyzer=normalised)
    # The names (weights SHORT_NAME and NAME), also split into leading parts.
    names = Text(
        analyzer=normalised,
        fields={"prefix": Text(analyzer=name_prefix, search_analyzer=normalised)},
    )

    @classmethod
    def from_entry(cls, entry):
        return cls(
            meta={"id": f"{entry.kind}-{entry.object_id}"},
            **entry.columns(),
            names=entry.tokens(Weight.SHORT_NAME),
            **{FIELDS[weight]: entry.texts.get(weight, "") for weight in WEIGHTS},
        )


def index_definition(name):
    """The index of entries: its settings, analysers and mappings (EntryDocument)."""
    index = Index(name)
    # One shard: the index is small and one shard scores with the whole index's
    # statistics. (Scores only break ties here; the order is weight, then date.)
    index.settings(number_of_shards=1)
    index.document(EntryDocument)
    return index


def alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_entries".lower()


def client():
    """The Elasticsearch client of ELASTICSEARCH_URL (credentials may sit in the URL), one
    per URL and process."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise ImproperlyConfigured(
            "The Elasticsearch engine needs ELASTICSEARCH_URL (see docs/search-elasticsearch.md)."
        )
    name = f"search:{url}"
    try:
        return connections.get_connection(name)
    except KeyError:
        return connections.create_connection(name, hosts=[url], request_timeout=10)


# Request bodies --------------------------------------------------------------------
def term_query(term, field):
    """One query term in one field: its tokens next to each other, or its one token."""
    if term.is_phrase:
        return Q("match_phrase", **{field: " ".join(term.tokens)})
    return Q("term", **{field: term.tokens[0]})


def within(terms, weight):
    """Every term within the fields of `weight` or more (each term in any of them)."""
    fields = [FIELDS[w] for w in WEIGHTS if w >= weight]
    return Q(
        "bool",
        must=[
            Q("bool", should=[term_query(term, f) for f in fields], minimum_should_match=1)
            for term in terms
        ],
    )


def weighted(terms):
    """Matches what the lowest weight matches (every term anywhere); scores each hit with
    the highest weight whose fields hold every term, as the database engines rank."""
    return Q(
        "dis_max",
        queries=[
            Q("constant_score", filter=within(terms, weight), boost=int(weight))
            for weight in WEIGHTS
        ],
    )


def scope(kind, request):
    """The entries of `kind` a reader of the request may get, narrowed by its filters."""
    return Q(
        "bool",
        filter=[
            Q("term", kind=kind.key),
            Q("term", locale_id=kind.entry_locale_id(request.locale_id)),
            *(Q("term", facets=f"{name}={value}") for name, value in request.filters_for(kind)),
        ],
    )


ORDER = [
    {"_score": {"order": "desc"}},
    {"sort_date": {"order": "desc", "missing": "_last"}},
    {"object_id": {"order": "desc"}},
]


def search_body(request, terms):
    """One request: the active kind's page of hits (post_filter), every kind's count and
    the active kind's facet counts (aggregations over all matches)."""
    kinds = registry.kinds()
    active = registry.get(request.kind)
    search = (
        Search(index=alias())
        .query(Q("bool", must=[weighted(terms)], filter=[Q("term", live=True)]))
        .post_filter(scope(active, request))
        .sort(*ORDER)
        .source(["object_id"])
        .extra(track_total_hits=True)
        .params(ignore_unavailable=True)
    )
    for key, kind in kinds.items():
        search.aggs.bucket(f"count_{key}", A("filter", filter=scope(kind, request)))
    facets = search.aggs.bucket("facets", A("filter", filter=scope(active, request)))
    for facet in active.facets:
        facets.bucket(
            facet.name,
            A("terms", field="facets", include=f"{facet.name}=.*", size=FACET_SIZE),
        )
    return search[request.offset : request.offset + request.per_page]


def names_body(kind, terms, locale_id, limit, prefix=False):
    """Entries of `kind` whose names hold every term (the last as a prefix), newest
    first; or, without `prefix`, those sharing any token, the most shared first."""
    visible = [
        Q("term", kind=kind.key),
        Q("term", locale_id=kind.entry_locale_id(locale_id)),
        Q("term", live=True),
    ]
    tokens = list(dict.fromkeys(token for term in terms for token in term.tokens))
    if prefix:
        query = Q(
            "bool",
            must=[Q("match", **{"names.prefix": {"query": " ".join(tokens), "operator": "and"}})],
            filter=visible,
        )
        order = ORDER[1:]
    else:
        # Each token counts one: the score is the number of tokens shared.
        query = Q(
            "bool",
            should=[Q("constant_score", filter=Q("term", names=token)) for token in tokens],
            minimum_should_match=1,
            filter=visible,
        )
        order = [ORDER[0], ORDER[2]]
    return (
        Search(index=alias())
        .query(query)
        .sort(*order)
        .source(["object_id"])
        .params(ignore_unavailable=True)[:limit]
    )


# Indices ---------------------------------------------------------------------------
def create_index(es):
    """A new, empty index; returns its name."""
    name = f"{alias()}_{timezone.now():%Y%m%d%H%M%S%f}"
    index_definition(name).create(using=es)
    return name


def point_alias(es, name):
    """Move the alias to index `name` and drop the indices it pointed to, in one step."""
    actions = [{"add": {"index": name, "alias": alias()}}]
    if es.indices.exists_alias(name=alias()):
        old = [index for index in es.indices.get_alias(name=alias()) if index != name]
        actions += [{"remove_index": {"index": index}} for index in old]
    elif es.indices.exists(index=alias()):
        # A plain index under the alias's name (Elasticsearch creates one when a document
        # is written to a missing index): it gives way to the alias.
        actions.append({"remove_index": {"index": alias()}})
    es.indices.update_aliases(actions=actions)


def ensure_index(es):
    if not es.indices.exists(index=alias()):
        point_alias(es, create_index(es))


def index_actions(kind, objects, index):
    for obj in objects:
        doc = EntryDocument.from_entry(prepare(kind, obj))
        yield {"_index": index, "_id": doc.meta.id, "_source": doc.to_dict()}


# The engine ------------------------------------------------------------------------
class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    writes_in_transaction = False
    errors = (ApiError, TransportError, BulkIndexError)
    unavailable = (ApiError, TransportError)

    def __init__(self):
        self.es = client()

    def answers(self):
        try:
            return bool(self.es.options(request_timeout=2, max_retries=0).ping())
        except (ApiError, TransportError):
            return False

    def search(self, request):
        kinds = registry.kinds()
        terms = query_terms(request.query)
        if not terms:
            return self.results(request, dict.fromkeys(kinds, 0), [], {})
        response = search_body(request, terms).using(self.es).execute()
        counts = {key: response.aggregations[f"count_{key}"].doc_count for key in kinds}
        facets = {}
        for facet in registry.get(request.kind).facets:
            prefix = f"{facet.name}="
            facets[facet.name] = {
                bucket.key[len(prefix) :]: bucket.doc_count
                for bucket in response.aggregations.facets[facet.name].buckets
            }
        ids = [int(hit.object_id) for hit in response]
        return self.results(request, counts, ids, facets)

    def name_ids(self, terms, locale_id, kind, limit, prefix=False, any_term=False):
        body = names_body(kind, terms, locale_id, limit, prefix=prefix)
        return [int(hit.object_id) for hit in body.using(self.es).execute()]

    def write(self, kind, objects):
        ensure_index(self.es)
        # wait_for: the next reader's request sees the change.
        bulk(self.es, index_actions(kind, objects, alias()), refresh="wait_for")

    def delete(self, kind, object_ids):
        actions = (
            {"_op_type": "delete", "_index": alias(), "_id": f"{kind.key}-{pk}"}
            for pk in object_ids
        )
        try:
            bulk(self.es, actions, refresh="wait_for", raise_on_error=False)
        except NotFoundError:
            pass  # no index yet: nothing to delete

    def rebuild(self, progress=None):
        """Fill a new index, then move the alias to it: searches keep reading the old
        index until the new one is complete."""
        name = create_index(self.es)
        indexed = 0
        try:
            for kind, batch in everything(progress):
                bulk(self.es, index_actions(kind, batch, name))
                indexed += len(batch)
            self.es.indices.refresh(index=name)
        except BaseException:
            self.es.indices.delete(index=name)  # the alias still points at the old index
            raise
        point_alias(self.es, name)
        return indexed
