"""The search page, its JSON twin and autocomplete, as a browser or a script sees them."""

import pytest

from orgs.models import OrganizationPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

HOSTILE = [
    "",
    " ",
    "巡" * 2000,
    "ＡＮＤ　ＯＲ　ＮＯＴ　巡逻",
    "😀😀",
    '"',
    '"七宝',
    "AND OR NOT",
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    "title:巡逻 AND body:* OR _id:1",
    '{"query": {"match_all": {}}}',
    "\x00\x07\x1b[31m",
    "(((巡逻",
    "巡逻*",
    "%",
    "\\",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_any_query_gets_a_page(client, query):
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    api = client.get("/api/search/", {"q": query})
    assert api.status_code == 200 and "results" in api.json()


def test_long_query_is_cut_with_a_message(client):
    response = client.get("/zh-hans/search/", {"q": "巡逻" * 100})
    assert "搜索词过长" in response.content.decode()


def test_query_without_searchable_text_says_so(client):
    response = client.get("/zh-hans/search/", {"q": "😀 ~~~"})
    assert "没有可搜索的文字或数字" in response.content.decode()


def test_bad_filters_and_pages_are_ignored(client):
    response = client.get(
        "/zh-hans/search/",
        {"q": "巡逻", "district": "abc", "year": "x", "star": "9", "page": "-4", "kind": "nope"},
    )
    assert response.status_code == 200
    assert "以下筛选条件无效，已忽略" in response.content.decode()


def test_traditional_query_finds_and_highlights(client):
    response = client.get("/zh-hans/search/", {"q": "巡邏"})
    content = response.content.decode()
    assert "东亭社区七宝<mark>巡逻</mark>队" in content  # the name, highlighted


def test_page_is_neither_cached_nor_indexed(client):
    response = client.get("/zh-hans/search/", {"q": "巡逻"})
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_tabs_show_counts_and_switch_kind(client):
    response = client.get("/zh-hans/search/", {"q": "公益创投", "kind": "funding"})
    content = response.content.decode()
    assert 'aria-current="page">资助 <span class="count">' in content
    assert "广德市第七届<mark>公益创投</mark>" in content


def test_empty_result_suggests_names_and_categories(client):
    content = client.get("/zh-hans/search/", {"q": "七宝巡逻救火队"}).content.decode()
    assert "没有找到与“七宝巡逻救火队”相关的内容" in content
    assert "你是不是要找" in content and "东亭社区七宝巡逻队" in content
    assert "?category=gongyi-cishan" in content


def test_exact_codes_go_straight_to_the_organization(client):
    qibao = OrganizationPage.objects.get(
        slug="dongting-qibao-patrol", locale__language_code="zh-hans"
    )
    hub = OrganizationPage.objects.get(slug="shuiguohu-federation", locale__language_code="zh-hans")
    response = client.get("/zh-hans/search/", {"q": qibao.filing_number})
    assert response.status_code == 302 and response["Location"] == qibao.url
    for typed in (
        hub.credit_code,
        hub.credit_code.lower(),
        f" {hub.credit_code[:8]} {hub.credit_code[8:]} ",
    ):
        response = client.get("/zh-hans/search/", {"q": typed})
        assert response.status_code == 302 and response["Location"] == hub.url, typed


def test_json_api_fields(client):
    data = client.get("/api/search/", {"q": "巡逻", "kind": "orgs"}).json()
    assert data["query"] == "巡逻" and data["kind"] == "orgs"
    assert set(data["counts"]) == {"orgs", "notices", "funding", "evaluations", "cases", "pages"}
    assert data["total"] == data["counts"]["orgs"] >= 1
    first = data["results"][0]
    assert set(first) == {"title", "url", "snippet", "meta"}
    assert first["url"].startswith("http://testserver/zh-hans/orgs/")
    assert "<mark>" in first["snippet"]
    assert "district" in data["facets"]


def test_autocomplete_endpoint(client):
    data = client.get("/api/search/suggest/", {"q": "七"}).json()
    assert "东亭社区七宝巡逻队" in [item["title"] for item in data["results"]]
    assert client.get("/api/search/suggest/", {"q": ""}).json()["results"] == []


def test_header_search_box_on_every_page(client):
    content = client.get("/zh-hans/orgs/").content.decode()
    assert 'role="search"' in content and 'action="/zh-hans/search/"' in content


def test_rebuild_command_reports_what_it_indexed(db):
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("rebuild_search", stdout=out, stderr=err)
    assert "normaliser version" in out.getvalue()
    indexed = int(out.getvalue().split("indexed ")[1].split()[0])
    assert indexed >= OrganizationPage.objects.count()
    assert client_finds_after_rebuild()


def client_finds_after_rebuild():
    from django.test import Client

    return (
        "东亭社区七宝<mark>巡逻</mark>队"
        in Client().get("/zh-hans/search/", {"q": "巡邏"}).content.decode()
    )


def test_deleted_pages_leave_the_index(client, django_capture_on_commit_callbacks):
    decoy = OrganizationPage.objects.get(slug="decoy-hubin-patrol", locale__language_code="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        decoy.delete()
    assert (
        "湖滨社区巡逻志愿服务队"
        not in client.get("/zh-hans/search/", {"q": "湖滨"}).content.decode()
    )
