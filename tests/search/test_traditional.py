"""Search on the zh-hant site: either script finds the same content, and what comes back
is in traditional script and links to the zh-hant pages."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

TRADITIONAL = True  # the demo_site fixture syncs the zh-hant twins

QIBAO = "東亭社區七寶巡邏隊"


def org_titles(client, query, lang="zh-hant"):
    data = client.get("/api/search/", {"q": query, "lang": lang, "kind": "orgs"}).json()
    return [r["title"] for r in data["results"]], data


@pytest.mark.parametrize("query", ["巡逻队", "巡邏隊", "七宝", "七寶巡邏"])
def test_either_script_finds_the_traditional_twin(client, query):
    titles, data = org_titles(client, query)
    assert QIBAO in titles, titles
    hit = data["results"][titles.index(QIBAO)]
    assert urlsplit(hit["url"]).path.startswith("/zh-hant/orgs/"), hit
    assert not any("东亭" in title for title in titles), "a zh-hans page leaked into zh-hant"


def test_the_simplified_site_still_finds_the_simplified_page(client):
    titles, data = org_titles(client, "巡邏隊", lang="zh-hans")
    assert "东亭社区七宝巡逻队" in titles and QIBAO not in titles
    assert all(urlsplit(r["url"]).path.startswith("/zh-hans/") for r in data["results"])


def test_snippets_and_suggestions_are_traditional(client):
    data = client.get("/api/search/", {"q": "巡逻", "lang": "zh-hant"}).json()
    assert data["results"], data
    assert "<mark>巡邏</mark>" in data["results"][0]["snippet"]
    names = client.get("/api/search/suggest/", {"q": "七", "lang": "zh-hant"}).json()["results"]
    assert QIBAO in [item["title"] for item in names]


def test_the_traditional_search_page_links_to_traditional_pages(client):
    response = client.get("/zh-hant/search/", {"q": "巡逻队"})
    assert response.status_code == 200
    content = response.content.decode()
    assert QIBAO.replace("巡邏隊", "<mark>巡邏隊</mark>") in content or QIBAO in content
    result_links = re.findall(r'href="(/zh-[a-z]+/orgs/[^"?]+)"', content)
    assert result_links and all(link.startswith("/zh-hant/") for link in result_links)


def test_records_found_from_the_traditional_site_link_to_the_twin(client):
    data = client.get("/api/search/", {"q": "巡逻", "lang": "zh-hant", "kind": "funding"}).json()
    assert data["results"], data
    for hit in data["results"]:
        assert urlsplit(hit["url"]).path.startswith("/zh-hant/orgs/"), hit


def test_district_facet_names_are_traditional(client):
    content = client.get("/zh-hant/search/", {"q": "巡逻"}).content.decode()
    assert "武昌區" in content


@pytest.mark.parametrize("query", ["邻里", "鄰里"])
def test_traditional_twins_are_not_converted_twice(client, query):
    """A twin is written in traditional script: converting its title again would turn
    鄰里 (neighbours) into 鄰裡. The results page, the API and the suggestions show it as
    the twin's page does."""
    titles, _data = org_titles(client, query)
    assert "茶港社區鄰里調解室" in titles, titles
    page = client.get("/zh-hant/search/", {"q": query}).content.decode()
    assert "鄰裡" not in page
    names = client.get("/api/search/suggest/", {"q": "茶港", "lang": "zh-hant"}).json()
    assert "鄰裡" not in str(names["results"]), names
