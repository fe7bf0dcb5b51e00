"""Switching script in a real Chromium: on an organization page and on a search result
page the reader stays on the same content, and the choice is remembered."""

import pytest

from tests.orgs.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def switch(page, label):
    # The switcher's own name is in the page's script; its links are in their own.
    page.locator("nav.script-switch").get_by_role("link", name=label, exact=True).click()


def test_switching_on_an_organization_page(live_server, page, traditional, tmp_path):
    build_world()
    page.goto(live_server.url + "/zh-hans/orgs/qibao/")
    assert page.get_by_role("heading", level=1).inner_text() == "东亭社区七宝巡逻队"

    switch(page, "繁體")
    page.wait_for_url("**/zh-hant/orgs/qibao/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.get_by_role("heading", level=1).inner_text() == "東亭社區七寶巡邏隊"
    assert "東亭社區" in page.locator("main").inner_text()
    page.screenshot(path=str(tmp_path / "org-zh-hant.png"), full_page=True)

    # The browser asks for zh-CN, but the reader chose traditional: / remembers it.
    page.goto(live_server.url + "/")
    page.wait_for_url("**/zh-hant/")

    page.goto(live_server.url + "/zh-hant/orgs/qibao/")
    switch(page, "简体")
    page.wait_for_url("**/zh-hans/orgs/qibao/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto(live_server.url + "/")
    page.wait_for_url("**/zh-hans/")


def test_switching_on_a_search_result_page(live_server, page, traditional):
    build_world()
    page.goto(live_server.url + "/zh-hans/search/?q=巡逻队&kind=orgs")
    assert "东亭社区七宝巡逻队" in page.locator(".hit-list").inner_text()

    switch(page, "繁體")
    page.wait_for_url("**/zh-hant/search/?q=*kind=orgs*")
    assert page.locator("#search-q").input_value() == "巡逻队"  # the query is kept
    first = page.locator(".hit").first
    assert first.locator(".hit__title").inner_text().startswith("東亭社區七寶巡邏隊")

    first.locator(".hit__title a").click()
    page.wait_for_url("**/zh-hant/orgs/qibao/")
    assert page.get_by_role("heading", level=1).inner_text() == "東亭社區七寶巡邏隊"
