"""Searching as a resident would, in a real Chromium: the header box, a traditional query,
highlighted matches, tabs, a facet, and name suggestions while typing."""

import pytest

from tests.orgs.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_from_the_header(live_server, page):
    build_world()
    page.goto(live_server.url + "/zh-hans/orgs/")
    header_box = page.get_by_role("search").first.get_by_label("搜索")
    header_box.fill("巡邏")
    header_box.press("Enter")
    page.wait_for_url("**/zh-hans/search/?q=*")
    first = page.locator(".hit").first
    assert first.locator(".hit__title").inner_text().startswith("东亭社区七宝巡逻队")
    assert first.locator("mark").first.inner_text() == "巡逻"  # in the name
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"

    page.get_by_role("navigation", name="结果类型").get_by_role("link", name="公示").click()
    assert "关于东亭社区七宝巡逻队负责人变更的公示" in page.locator(".hit-list").inner_text()

    page.get_by_role("navigation", name="结果类型").get_by_role("link", name="组织").click()
    page.get_by_role("complementary", name="筛选").get_by_role("link", name="武昌区").click()
    assert "district=420106" in page.url
    assert "东亭社区七宝巡逻队" in page.locator(".hit-list").inner_text()


def test_names_are_suggested_while_typing(live_server, page):
    build_world()
    page.goto(live_server.url + "/zh-hans/search/")
    box = page.locator("#search-q")
    box.press_sequentially("七", delay=50)
    # A locator, not wait_for_function: a string predicate is eval'd in the page, which
    # the site's Content-Security-Policy forbids (no 'unsafe-eval').
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    options = page.locator("#search-suggestions option").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert "东亭社区七宝巡逻队" in options
