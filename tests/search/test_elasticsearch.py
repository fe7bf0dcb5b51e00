"""The Elasticsearch engine.

Without a node: the request bodies, the index definition, the documents made from
entries, the admin backend's settings, and a publish while the node cannot be reached
(a real refused connection). With a node (ELASTICSEARCH_URL set: skipped, with the
reason shown, without it; failing, not skipping, when the URL is set and nothing
answers): the engine on the demo site, compared hit by hit with the database engine.
Nothing here fakes Elasticsearch.
"""

from django.conf import settings as django_settings
from django.utils.module_loading import import_string

import pytest

from search.engines.base import SearchRequest
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    index_definition,
    names_body,
    search_body,
)
from search.normalize import query_terms
from search.registry import get, kinds

from .conftest import needs_node


def body(query, kind="orgs", filters=None, locale_id=7):
    request = SearchRequest(query=query, locale_id=locale_id, kind=kind, filters=filters or {})
    return search_body(request, query_terms(query)).to_dict()


def per_term(query):
    """The lowest weight's clause (every field): one bool per term, its alternatives."""
    lowest = body(query)["query"]["bool"]["must"][0]["dis_max"]["queries"][-1]
    return lowest["constant_score"]["filter"]["bool"]["must"]


# Without a node: request bodies ------------------------------------------------------
def test_every_term_is_required_in_some_field():
    terms = per_term("东亭 巡逻队 abc")
    assert len(terms) == 3
    first = terms[0]["bool"]
    assert first["minimum_should_match"] == 1
    assert [next(iter(q["term"])) for q in first["should"]] == ["w5", "w4", "w3", "w2", "w1"]
    assert first["should"][0] == {"term": {"w5": "东亭"}}
    assert terms[2]["bool"]["should"][-1] == {"term": {"w1": "abc"}}


def test_a_term_of_several_tokens_is_a_phrase_and_traditional_is_folded():
    assert per_term("巡邏隊")[0]["bool"]["should"][0] == {"match_phrase": {"w5": "巡逻 逻队"}}


def test_each_hit_scores_the_highest_weight_whose_fields_hold_every_term():
    queries = body("巡逻")["query"]["bool"]["must"][0]["dis_max"]["queries"]
    assert [q["constant_score"]["boost"] for q in queries] == [5, 4, 3, 2, 1]
    name_only = queries[0]["constant_score"]["filter"]["bool"]["must"][0]["bool"]["should"]
    assert name_only == [{"term": {"w5": "巡逻"}}]
    short_name_and_up = queries[1]["constant_score"]["filter"]["bool"]["must"][0]["bool"]
    assert [next(iter(q["term"])) for q in short_name_and_up["should"]] == ["w5", "w4"]


def test_order_is_weight_then_newest_then_object():
    sort = body("巡逻")["sort"]
    assert sort == [
        {"_score": {"order": "desc"}},
        {"sort_date": {"order": "desc", "missing": "_last"}},
        {"object_id": {"order": "desc"}},
    ]


def test_only_live_entries_of_the_kind_and_locale_with_the_filters():
    found = body("巡逻", filters={"district": "420106", "category": "x", "year": "2026"})
    assert found["query"]["bool"]["filter"] == [{"term": {"live": True}}]
    assert found["post_filter"]["bool"]["filter"] == [
        {"term": {"kind": "orgs"}},
        {"term": {"locale_id": 7}},
        {"term": {"facets": "district=420106"}},
        {"term": {"facets": "category=x"}},  # year is not a facet of organizations
    ]


def test_every_kind_is_counted_and_the_active_kinds_facets_aggregated():
    aggs = body("巡逻", kind="cases")["aggs"]
    assert {f"count_{key}" for key in kinds()} <= set(aggs)
    facets = aggs["facets"]
    assert facets["filter"]["bool"]["filter"][0] == {"term": {"kind": "cases"}}
    assert facets["aggs"]["district"]["terms"]["include"] == "district=.*"
    assert facets["aggs"]["year"]["terms"]["field"] == "facets"


@pytest.mark.django_db
def test_records_are_searched_in_the_source_locale():
    from wagtail.models import Locale

    source = Locale.get_default().pk
    found = body("巡逻", kind="funding", locale_id=source + 1000)
    assert {"term": {"locale_id": source}} in found["post_filter"]["bool"]["filter"]


def test_autocomplete_matches_leading_parts_of_name_words():
    query = names_body(get("orgs"), query_terms("七宝巡"), 7, 8, prefix=True).to_dict()["query"]
    assert query["bool"]["must"] == [
        {"match": {"names.prefix": {"query": "七宝 巡", "operator": "and"}}}
    ]


def test_suggestions_count_the_tokens_shared():
    query = names_body(get("orgs"), query_terms("巡逻 敲门"), 7, 5).to_dict()["query"]["bool"]
    assert query["minimum_should_match"] == 1
    assert query["should"] == [
        {"constant_score": {"filter": {"term": {"names": "巡逻"}}}},
        {"constant_score": {"filter": {"term": {"names": "敲门"}}}},
    ]


def test_index_definition_splits_normalised_text_on_whitespace():
    index = index_definition("test").to_dict()
    analyzers = index["settings"]["analysis"]["analyzer"]
    assert analyzers["normalised"] == {"type": "custom", "tokenizer": "whitespace"}
    properties = index["mappings"]["properties"]
    assert all(properties[f"w{w}"]["analyzer"] == "normalised" for w in range(1, 6))
    assert properties["facets"] == {"type": "keyword"}
    assert properties["names"]["fields"]["prefix"]["analyzer"] == "name_prefix"


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
@pytest.fixture(scope="module")
def es_engine(demo_site, django_db_blocker):
    """The engine on an index of its own (test_<prefix>_…), filled from the demo site once
    for the module and removed afterwards."""
    from django.test import override_settings

    prefix = f"test_engine_{django_settings.ELASTICSEARCH_INDEX_PREFIX}"
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix), django_db_blocker.unblock():
        engine = ElasticsearchEngine()
        engine.rebuild()
        yield engine
        names = list(engine.es.indices.get(index=f"{prefix}_*"))
        if names:
            engine.es.indices.delete(index=",".join(names))


@pytest.fixture(scope="module")
def database_engine():
    vendor = (
        "postgresql" if "postgresql" in django_settings.DATABASES["default"]["ENGINE"] else "sqlite"
    )
    return import_string(django_settings.SEARCH_ENGINES[vendor])()


QUERIES = [
    ("社区", "orgs", {}),
    ("社区", "orgs", {"district": "420106"}),
    ("社区", "orgs", {"category": "wenti-huodong"}),
    ("银杏", "orgs", {}),
    ("银杏 书画", "orgs", {}),
    ("志愿服务", "orgs", {}),
    ("巡逻", "funding", {}),
    ("社区", "evaluations", {}),
    ("社区", "evaluations", {"star": "3"}),
    ("公益创投", "funding", {"year": "2025"}),
    ("公示", "notices", {}),
    ("公示", "notices", {"district": "420106"}),
    ("巡逻", "notices", {"notice_kind": "change"}),
    ("公益创投", "cases", {}),
    ("五社联动", "pages", {}),
]


@needs_node
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant"])
@pytest.mark.parametrize(("query", "kind", "filters"), QUERIES)
def test_the_same_answers_as_the_database(
    es_engine, database_engine, language, query, kind, filters
):
    from wagtail.models import Locale

    locale_id = Locale.objects.get(language_code=language).pk
    request = SearchRequest(
        query=query, locale_id=locale_id, kind=kind, filters=filters, per_page=50
    )
    ours, theirs = es_engine.search(request), database_engine.search(request)
    assert ours.counts == theirs.counts
    assert [hit.pk for hit in ours.hits] == [hit.pk for hit in theirs.hits]  # same order
    assert [(f.name, f.options, f.selected) for f in ours.facets] == [
        (f.name, f.options, f.selected) for f in theirs.facets
    ]


@needs_node
@pytest.mark.django_db
def test_names_complete_and_suggest_like_the_database(es_engine, database_engine):
    from wagtail.models import Locale

    locale_id = Locale.get_default().pk
    for text in ("七", "七宝", "天天", "東亭"):
        assert [o.pk for o in es_engine.autocomplete(text, locale_id)] == [
            o.pk for o in database_engine.autocomplete(text, locale_id)
        ]
    assert "东亭社区七宝巡逻队" in [o.title for o in es_engine.suggest("七宝巡逻救火队", locale_id)]


@needs_node
@pytest.mark.django_db
def test_the_index_follows_publishing_and_records(
    es_engine, settings, django_capture_on_commit_callbacks
):
    from disclosure.factories import FundingRecordFactory
    from orgs.models import OrganizationPage

    settings.SEARCH_ENGINE = settings.SEARCH_ENGINES["elasticsearch"]
    settings.ELASTICSEARCH_INDEX_PREFIX = (
        f"test_engine_{django_settings.ELASTICSEARCH_INDEX_PREFIX}"
    )
    qibao = OrganizationPage.objects.get(title="东亭社区七宝巡逻队")

    def search(kind="orgs"):
        return es_engine.search(SearchRequest(query="巡逻", locale_id=qibao.locale_id, kind=kind))

    funded = search("funding").total
    with django_capture_on_commit_callbacks(execute=True):
        qibao.unpublish()
    unpublished = search()
    assert qibao.pk not in [hit.pk for hit in unpublished.hits]
    assert unpublished.counts["funding"] < funded  # records follow their organization

    with django_capture_on_commit_callbacks(execute=True):
        qibao.refresh_from_db()
        qibao.save_revision().publish()
        record = FundingRecordFactory(organization=qibao, project_title="七宝巡逻新队员培训")
    assert search("funding").total == funded + 1

    with django_capture_on_commit_callbacks(execute=True):
        record.delete()
    assert search("funding").total == funded
