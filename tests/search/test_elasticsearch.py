"""The Elasticsearch side of the search.

Two groups. The first checks our own code without a node: the request bodies, the index
names and definitions, the documents built from model instances, the admin backend's
settings. The second (TestWithNode) runs the engine against a real Elasticsearch 8 and
compares it with the database engine; it is skipped, with the reason shown, unless
ELASTICSEARCH_URL is set. Nothing here fakes Elasticsearch.
"""

import os

from django.conf import settings

from wagtail.models import Locale

import pytest

from core.dates import today
from disclosure.factories import FundingRecordFactory
from orgs.factories import OrganizationPageFactory
from search.documents import (
    DOCUMENTS,
    EvaluationDocument,
    FundingDocument,
    NoticeDocument,
    OrganizationDocument,
    index_name,
)
from search.engines.base import SearchRequest
from search.engines.elasticsearch import (
    KindFacetedSearch,
    autocomplete_search,
    kind_query,
    kind_search,
    suggest_search,
)
from search.kinds import KINDS
from search.normalize import query_terms
from tests.orgs.world import build_world

NODE_REASON = (
    "Elasticsearch tests need a real node: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200)"
)
needs_node = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason=NODE_REASON)


def tokens(texts):
    return {token for text in texts for token in text.split()}


# Without a node: request bodies ------------------------------------------------------
def body(query, kind="orgs", filters=None, districts=("420106",)):
    request = SearchRequest(query=query, locale_id=7, kind=kind, filters=filters or {})
    search = kind_search(KINDS[kind], query_terms(query), request, "zh-hans", set(districts))
    return search.to_dict()["query"]["bool"]


def test_every_term_is_required():
    clauses = body("东亭 巡逻队 abc")["must"]
    assert clauses == [
        {"term": {"text": {"value": "东亭"}}},
        {"match_phrase": {"text": {"query": "巡逻 逻队"}}},
        {"term": {"text": {"value": "abc"}}},
    ]


def test_a_term_of_several_tokens_is_a_phrase():
    clauses = body("巡逻队")["must"]
    assert clauses == [{"match_phrase": {"text": {"query": "巡逻 逻队"}}}]


def test_traditional_query_is_folded():
    assert body("巡邏隊")["must"] == body("巡逻队")["must"]


def test_names_and_boosted_fields_only_rank():
    query = body("七宝 巡逻队")
    assert "minimum_should_match" not in query  # with `must`, `should` only adds score
    names, *boosted = query["should"]
    assert names["constant_score"]["filter"]["bool"]["must"] == [
        {"term": {"titles": {"value": "七宝"}}},
        {"match_phrase": {"titles": {"query": "巡逻 逻队"}}},
    ]
    assert len(boosted) == len(query["must"])
    assert {"match_phrase": {"boosted": {"query": "巡逻 逻队", "boost": 2}}} in boosted


def test_only_live_objects_of_the_readers_locale():
    query = body("巡逻")
    assert {"term": {"locale_id": 7}} in query["filter"]
    assert {"term": {"live": True}} in query["filter"]


@pytest.mark.django_db  # records are searched in the zh-hans locale's index: a lookup
def test_request_filters_are_filter_clauses():
    query = body("巡逻", kind="funding", filters={"district": "420106", "year": "2025"})
    assert {"term": {"district": "420106"}} in query["filter"]
    assert {"term": {"year": "2025"}} in query["filter"]


def test_filters_the_kind_has_not_and_unknown_districts_are_ignored():
    # The database engine ignores them too (Kind.apply_filters).
    assert len(body("巡逻", kind="pages", filters={"district": "420106"})["filter"]) == 2
    assert len(body("巡逻", kind="orgs", filters={"district": "999999"})["filter"]) == 2


def test_counting_search_reads_the_locales_index_and_counts_exactly():
    request = SearchRequest(query="巡逻", locale_id=7)
    search = kind_search(KINDS["orgs"], query_terms("巡逻"), request, "zh-hant", set())
    assert search._index == [f"{settings.ELASTICSEARCH_INDEX_PREFIX}_orgs_zh-hant"]
    assert search.to_dict()["size"] == 0
    assert search.to_dict()["track_total_hits"] is True


def test_faceted_search_counts_each_facet_of_the_kind():
    kind = KINDS["evaluations"]
    request = SearchRequest(query="巡逻", locale_id=7, kind="evaluations", filters={"star": "3"})
    faceted = KindFacetedSearch(kind, kind_query(kind, query_terms("巡逻"), request, set()), "x")
    search = faceted[10:20]._s.to_dict()
    aggregations = {name.removeprefix("_filter_") for name in search["aggs"]}
    assert aggregations == {"district", "star", "year"}
    # The filter is in the query, so facet counts are within the filtered matches.
    assert {"term": {"star": "3"}} in search["query"]["bool"]["filter"]
    assert "post_filter" not in search
    assert (search["from"], search["size"]) == (10, 10)


def test_autocomplete_matches_leading_parts_of_name_words():
    query = autocomplete_search("七", 7, "zh-hans", 8).to_dict()["query"]["bool"]
    assert query["must"] == [{"match": {"names.prefix": {"query": "七", "operator": "and"}}}]
    assert {"term": {"live": True}} in query["filter"]


def test_suggestions_rank_by_number_of_shared_tokens():
    query = suggest_search("东亭巡查", 7, "zh-hans", 5).to_dict()["query"]["bool"]
    assert query["minimum_should_match"] == 1
    assert {"constant_score": {"filter": {"term": {"text": "东亭"}}}} in query["should"]


# Without a node: indices and documents -------------------------------------------------
def test_index_names_carry_the_prefix_the_kind_and_the_locale(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging"
    assert index_name("orgs", "zh-hans") == "staging_orgs_zh-hans"
    assert list(DOCUMENTS) == list(KINDS)  # one document (and index) per result kind
    for key, document in DOCUMENTS.items():
        assert document.index_for("zh-hant")._name == f"staging_{key}_zh-hant"
        assert document.new_index_name("zh-hant").startswith(f"staging_{key}_zh-hant_")


def test_index_definition_splits_normalised_text_on_whitespace():
    definition = OrganizationDocument.index_for("zh-hans").to_dict()
    assert definition["settings"]["analysis"]["analyzer"]["normalised"] == {
        "type": "custom",
        "tokenizer": "whitespace",
    }
    properties = definition["mappings"]["properties"]
    assert properties["text"]["analyzer"] == "normalised"
    for field in ("district", "category", "locale_id", "live"):
        assert properties[field]["type"] == "keyword"
    assert properties["names"]["fields"]["prefix"]["search_analyzer"] == "normalised"


@pytest.mark.django_db
def test_organization_document_carries_normalised_tokens():
    world = build_world()
    qibao = world["orgs"]["qibao"]
    doc = OrganizationDocument.prepare(qibao)
    assert doc.meta.id == qibao.pk and doc.pk == qibao.pk
    assert {"巡逻", "逻队", "七宝", "东亭", "七"} <= tokens(doc.text)
    assert "巡邏" not in tokens(doc.text)
    assert {"巡逻", "治安"} <= tokens(doc.text)  # title and tags
    assert "东亭" in tokens(doc.boosted)  # the title is boosted, the leader is not
    assert tokens(doc.titles) >= {"东亭", "七宝", "巡逻"}
    assert "建国" not in tokens(doc.boosted) and "建国" in tokens(doc.text)
    assert {"七宝", "七"} <= tokens(doc.names)
    assert (doc.district, doc.category) == ("420106", "shequ-shiwu")
    assert doc.live is True and doc.locale_id == qibao.locale_id


@pytest.mark.django_db
def test_record_and_notice_documents_carry_their_facets():
    world = build_world()
    qibao = world["orgs"]["qibao"]
    funding = FundingDocument.prepare(qibao.funding_records.get())
    assert {"平安", "巡逻"} <= tokens(funding.text)
    assert {"东亭"} <= tokens(funding.text)  # the organization's name, as RelatedFields
    assert (funding.district, funding.category) == ("420106", "shequ-shiwu")
    assert funding.year == str(qibao.funding_records.get().year)
    assert funding.locale_id == qibao.locale_id

    star = qibao.evaluation_records.get(kind="star")
    evaluation = EvaluationDocument.prepare(star)
    assert (evaluation.star, evaluation.year) == ("3", str(star.evaluated_on.year))

    notice = NoticeDocument.prepare(world["notices"]["exit"])
    assert notice.district == ["420107"]  # 青和居社区 lies in 青山区
    assert notice.notice_kind == "exit"
    assert {"舞蹈", "终止"} <= tokens(notice.text)


# Without a node: the admin search backend ---------------------------------------------
def test_admin_backend_analyses_on_whitespace_and_requires_every_word():
    from wagtail.images.models import Image

    from orgs.models import OrganizationPage
    from search.backends.elasticsearch import SearchBackend

    backend = SearchBackend({"URLS": ["http://127.0.0.1:9200"], "INDEX_PREFIX": "t_"})
    analysis = backend.settings["settings"]["analysis"]  # directly under `settings`
    assert analysis["analyzer"]["default"]["tokenizer"] == "whitespace"
    assert analysis["analyzer"]["default_search"]["tokenizer"] == "whitespace"
    assert analysis["analyzer"]["edgengram_analyzer"]["tokenizer"] == "whitespace"

    edgengrams = backend.mapping_class(OrganizationPage).get_mapping()["properties"]["_edgengrams"]
    assert edgengrams["search_analyzer"] in analysis["analyzer"]

    query = backend.search("巡逻队 东亭", OrganizationPage).query_compiler.get_inner_query()
    compiled = str(query)
    assert "'match_phrase'" in compiled and "巡逻 逻队" in compiled
    # Stock models keep their text; a string query still needs every word.
    stock = backend.search("annual report", Image).query_compiler.get_inner_query()
    assert "'operator': 'and'" in str(stock)


# With a node -----------------------------------------------------------------------------
@pytest.fixture
def es_engine(settings):
    """The engine on indices of their own (test_<prefix>_…), removed afterwards."""
    from search.documents import client
    from search.engines.elasticsearch import ElasticsearchEngine

    prefix = f"test_{settings.ELASTICSEARCH_INDEX_PREFIX}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    # Wagtail indexes every saved page too: keep that away from the site's indices.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            **settings.WAGTAILSEARCH_BACKENDS["default"],
            "INDEX_PREFIX": f"{prefix}_wagtail_",
        }
    }
    es = client()

    def drop():
        names = list(es.indices.get(index=f"{prefix}_*"))
        if names:
            es.indices.delete(index=",".join(names))

    drop()
    yield ElasticsearchEngine()
    drop()


@pytest.fixture
def database_engine():
    """The database engine with its own index filled, whatever backend is configured."""
    from wagtail.search.backends import get_search_backend

    from search.engines.database import DatabaseEngine
    from search.rebuild import rebuild_backend

    engine = DatabaseEngine()
    engine.backend = get_search_backend("search.backends.database")
    rebuild_backend(engine.backend)
    return engine


def titles(results):
    return [str(hit) for hit in results.hits]


@needs_node
@pytest.mark.django_db
class TestWithNode:
    @pytest.fixture(autouse=True)
    def world(self, es_engine):
        self.world = build_world()
        # 东 and 亭 both occur, never side by side.
        self.lookalike = OrganizationPageFactory(
            parent=self.world["sections"]["orgs"],
            title="东湖诗社亭台雅集",
            slug="lookalike",
            region=self.world["regions"]["chagang"],
            category=self.world["categories"]["culture"],
        )
        self.engine = es_engine
        self.locale = Locale.get_default().pk
        self.indexed = self.engine.rebuild()

    def refresh(self):
        """Make the writes of signal handlers searchable now rather than within a second."""
        from django.conf import settings

        self.engine.es.indices.refresh(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_*")

    def search(self, query, kind="orgs", **filters):
        return self.engine.search(
            SearchRequest(query=query, locale_id=self.locale, kind=kind, filters=filters)
        )

    def test_rebuild_indexes_every_kind(self):
        assert self.indexed >= 7 + 4 + 2 + 5  # organizations, notices, funding, evaluations

    def test_a_word_inside_a_name_finds_it(self):
        assert titles(self.search("巡逻")) == ["东亭社区七宝巡逻队"]

    def test_traditional_script_finds_simplified_text(self):
        assert titles(self.search("巡邏隊")) == ["东亭社区七宝巡逻队"]

    def test_characters_must_be_adjacent(self):
        found = titles(self.search("东亭"))
        assert "东亭社区七宝巡逻队" in found
        assert "东湖诗社亭台雅集" not in found
        assert titles(self.search("亭台")) == ["东湖诗社亭台雅集"]

    def test_every_word_must_match(self):
        assert titles(self.search("巡逻 墨香")) == []
        assert self.search("巡逻 墨香").counts == dict.fromkeys(KINDS, 0)

    @pytest.mark.parametrize(
        "query, kind, filters",
        [
            ("社区", "orgs", {}),
            ("社区", "orgs", {"district": "420106"}),
            ("社区", "orgs", {"category": "wenti-huodong"}),
            ("巡逻", "funding", {}),
            ("社区", "evaluations", {}),
            ("社区", "evaluations", {"star": "3"}),
            ("社区", "funding", {"year": str(today().year)}),
            ("公示", "notices", {}),
            ("公示", "notices", {"district": "420106"}),
            ("巡逻", "notices", {"notice_kind": "change"}),
            ("公示", "cases", {}),
            ("公示", "pages", {}),
        ],
    )
    def test_counts_and_facets_agree_with_the_database(self, database_engine, query, kind, filters):
        request = SearchRequest(query=query, locale_id=self.locale, kind=kind, filters=filters)
        ours, theirs = self.engine.search(request), database_engine.search(request)
        assert ours.counts == theirs.counts
        assert ours.total == theirs.total
        assert sorted(map(str, ours.hits)) == sorted(map(str, theirs.hits))
        assert [(f.name, sorted(f.options), f.selected) for f in ours.facets] == [
            (f.name, sorted(f.options), f.selected) for f in theirs.facets
        ]

    def test_notices_are_counted_by_district_of_the_organizations_concerned(self):
        results = self.search("公示", kind="notices")
        assert results.total == 4
        districts = {f.name: f.options for f in results.facets}["district"]
        assert districts == [("420106", "武昌区", 3), ("420107", "青山区", 1)]
        assert self.search("公示", kind="notices", district="420107").total == 1

    def test_pages_do_not_overlap(self):
        request = SearchRequest(query="社区", locale_id=self.locale, per_page=4)
        first = self.engine.search(request)
        request.page = 2
        second = self.engine.search(request)
        assert first.total == 7 and len(first.hits) == 4 and len(second.hits) == 3
        assert not {h.pk for h in first.hits} & {h.pk for h in second.hits}

    def test_autocomplete_on_one_character(self):
        assert [str(o) for o in self.engine.autocomplete("七", self.locale)] == [
            "东亭社区七宝巡逻队"
        ]
        assert "东湖诗社亭台雅集" in [str(o) for o in self.engine.autocomplete("东", self.locale)]

    def test_suggestions_share_the_most_tokens_first(self):
        suggested = self.engine.suggest("东亭巡查", self.locale)
        assert suggested and str(suggested[0]) == "东亭社区七宝巡逻队"

    def test_documents_follow_publishing_and_records(self, django_capture_on_commit_callbacks):
        from search.engines.elasticsearch import connect_signals, disconnect_signals

        qibao = self.world["orgs"]["qibao"]
        connect_signals()
        try:
            with django_capture_on_commit_callbacks(execute=True):
                qibao.unpublish()
            self.refresh()
            unpublished = self.search("巡逻")
            assert unpublished.counts["orgs"] == 0
            assert unpublished.counts["evaluations"] == 0  # records follow their organization

            with django_capture_on_commit_callbacks(execute=True):
                qibao.refresh_from_db()
                qibao.save_revision().publish()
                record = FundingRecordFactory(
                    organization=qibao, project_title="七宝巡逻新队员培训"
                )
            self.refresh()
            assert self.search("巡逻").counts["orgs"] == 1
            assert self.search("巡逻", kind="funding").total == 2

            with django_capture_on_commit_callbacks(execute=True):
                record.delete()
            self.refresh()
            assert self.search("巡逻", kind="funding").total == 1
        finally:
            disconnect_signals()
