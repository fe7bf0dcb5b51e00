"""Choosing a script: negotiation at /, the remembered choice, the switcher that keeps the
reader on the same content, <html lang>, hreflang and the sitemap."""

import re
from urllib.parse import quote

from django.conf import settings

import pytest

from tests.shared_world import shared_world

# Built once for the test run (tests/shared_world.py).
world_kind = "world"


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("zh-TW,zh;q=0.9", "/zh-hant/"),
        ("zh-HK", "/zh-hant/"),
        ("zh-Hant", "/zh-hant/"),
        ("zh-MO,en;q=0.5", "/zh-hant/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-Hans-CN", "/zh-hans/"),
        ("zh-SG", "/zh-hans/"),
        ("en-US,en;q=0.9", "/zh-hans/"),
        ("", "/zh-hans/"),
    ],
)
def test_the_root_follows_the_browser(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == expected


def test_an_explicit_choice_is_remembered_over_the_browser(client):
    response = client.get("/language/zh-hant/", {"next": "/zh-hant/orgs/?status=active"})
    assert response.status_code == 302
    assert response["Location"] == "/zh-hant/orgs/?status=active"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "zh-hant" and int(cookie["max-age"]) >= 30 * 24 * 3600
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")["Location"] == "/zh-hant/"
    client.get("/language/zh-hans/", {"next": "/zh-hans/"})
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW")["Location"] == "/zh-hans/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_the_choice_never_sends_readers_off_site(client, target):
    response = client.get("/language/zh-hant/", {"next": target})
    assert response["Location"] == "/zh-hant/"


def test_only_the_two_scripts_can_be_chosen(client, db):
    assert client.get("/language/en/", follow=True).status_code == 404


def switch_link(content, language):
    match = re.search(rf'href="/language/{language}/\?next=([^"]+)"', content)
    assert match, f"no switch to {language}"
    return match.group(1)


@pytest.fixture
def world(db, traditional):
    return shared_world("world")


def test_an_organization_page_switches_to_its_twin(client, world):
    content = client.get("/zh-hans/orgs/qibao/").content.decode()
    assert '<html lang="zh-Hans">' in content
    assert switch_link(content, "zh-hant") == quote("/zh-hant/orgs/qibao/", safe="")
    assert 'hreflang="zh-Hant" href="http://testserver/zh-hant/orgs/qibao/"' in content
    assert 'hreflang="zh-Hans" href="http://testserver/zh-hans/orgs/qibao/"' in content
    assert 'hreflang="x-default" href="http://testserver/"' in content

    twin = client.get("/zh-hant/orgs/qibao/").content.decode()
    assert '<html lang="zh-Hant">' in twin
    assert "東亭社區七寶巡邏隊" in twin
    assert switch_link(twin, "zh-hans") == quote("/zh-hans/orgs/qibao/", safe="")
    assert '<span aria-current="true" lang="zh-Hant">繁體</span>' in twin


def test_a_filtered_directory_keeps_its_filters(client, world):
    query = "district=420106&status=active&page=1"
    content = client.get(f"/zh-hans/orgs/?{query}").content.decode()
    target = f"/zh-hant/orgs/?{query}"
    assert switch_link(content, "zh-hant") == quote(target, safe="")
    # Both alternates name the same filtered list.
    escaped = query.replace("&", "&amp;")
    for code, lang in (("zh-hans", "zh-Hans"), ("zh-hant", "zh-Hant")):
        assert f'hreflang="{lang}" href="http://testserver/{code}/orgs/?{escaped}"' in content
    listed = client.get(target).content.decode()
    assert "東亭社區七寶巡邏隊" in listed and "东亭社区七宝巡逻队" not in listed


def test_a_search_keeps_its_query(client, world):
    content = client.get("/zh-hans/search/", {"q": "巡逻", "kind": "orgs"}).content.decode()
    assert switch_link(content, "zh-hant") == quote(
        "/zh-hant/search/?q=%E5%B7%A1%E9%80%BB&kind=orgs", safe=""
    )


def test_a_missing_page_offers_the_same_path(client, db):
    content = client.get("/zh-hans/no-such-page/").content.decode()
    assert switch_link(content, "zh-hant") == quote("/zh-hant/no-such-page/", safe="")


def test_the_switch_round_trip_lands_on_the_same_content(client, world):
    start = "/zh-hans/notices/"
    content = client.get(start).content.decode()
    response = client.get("/language/zh-hant/", {"next": "/zh-hant/notices/"}, follow=True)
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/zh-hant/notices/"
    assert switch_link(content, "zh-hant") == quote("/zh-hant/notices/", safe="")


def test_the_sitemap_lists_both_scripts_with_alternates(client, world):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    section = re.search(
        r"<loc>(http://testserver/sitemap-pages\.xml[^<]*)</loc>", index.content.decode()
    )
    assert section, index.content
    content = client.get(section.group(1).replace("&amp;", "&")).content.decode()
    for url in ("/zh-hans/orgs/qibao/", "/zh-hant/orgs/qibao/", "/zh-hant/notices/"):
        assert re.search(rf"<loc>https?://[^<]+{url}</loc>", content), url
    qibao = re.search(r"<url><loc>[^<]+/zh-hans/orgs/qibao/</loc>.*?</url>", content)
    assert re.search(r'hreflang="zh-Hant" href="[^"]+/zh-hant/orgs/qibao/"', qibao.group(0))


def test_the_sitemap_index_pages_the_urls(client, world, monkeypatch):
    """Pages of 5,000 URLs at full scale; with pages of 4 here, the index names every
    page, the pages together list each URL once, and a page past the end is a 404."""
    from core.sitemaps import BothScriptsSitemap

    assert BothScriptsSitemap.limit == 5000
    whole = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap-pages.xml").content.decode())
    monkeypatch.setattr(BothScriptsSitemap, "limit", 4)
    index = client.get("/sitemap.xml").content.decode()
    pages = [loc.replace("&amp;", "&") for loc in re.findall(r"<loc>([^<]+)</loc>", index)]
    assert len(pages) == -(-len(whole) // 4) > 1
    paged = []
    for page in pages:
        locs = re.findall(r"<loc>([^<]+)</loc>", client.get(page).content.decode())
        assert 0 < len(locs) <= 4
        paged += locs
    assert paged == whole
    assert client.get(f"/sitemap-pages.xml?p={len(pages) + 1}").status_code == 404
