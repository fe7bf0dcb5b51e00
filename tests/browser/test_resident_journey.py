"""A resident's path through the site in a real Chromium: home → directory → filter by
district → an organization → its notice."""

import pytest

from tests.orgs.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_to_a_notice(live_server, page, tmp_path):
    world = build_world()
    page.goto(live_server.url + "/")
    assert page.url.endswith("/zh-hans/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("heading", name="正在公示").is_visible()
    assert page.get_by_role("link", name="关于东亭社区七宝巡逻队负责人变更的公示").is_visible()

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="组织名录").click()
    page.wait_for_url("**/zh-hans/orgs/")
    assert "共 4 家组织" in page.locator(".result-count").inner_text()  # the active ones

    page.get_by_label("区(县)").select_option(label="武昌区")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/zh-hans/orgs/?*district=420106*")
    assert "共 3 家组织" in page.locator(".result-count").inner_text()
    cards = page.locator(".org-card__title").all_inner_texts()
    assert "东亭社区七宝巡逻队" in cards
    assert "青和居社区天天敲门组" not in cards
    # The street list now offers the district's streets, without JavaScript.
    assert page.get_by_label("街道(乡镇)").is_visible()
    page.screenshot(path=str(tmp_path / "directory.png"), full_page=True)

    page.get_by_role("link", name="东亭社区七宝巡逻队").click()
    page.wait_for_url("**" + world["orgs"]["qibao"].url)
    assert page.get_by_role("heading", level=1).inner_text() == "东亭社区七宝巡逻队"
    facts = page.locator(".facts").first.inner_text()
    assert "刘建国" in facts
    assert "武昌区 › 水果湖街道 › 东亭社区" in facts
    assert page.locator(".badge--active").first.inner_text() == "活动中"
    timeline = page.locator(".timeline").first.inner_text()  # notices, then status history
    assert timeline.index("备案公示") < timeline.index("变更公示")

    # In the notice history (the status history links it again, with what it changed).
    page.get_by_role("link", name="关于东亭社区七宝巡逻队负责人变更的公示").first.click()
    page.wait_for_url("**" + world["notices"]["change"].url)
    assert "正在公示，剩余 5 天" in page.locator(".period-state").inner_text()
    assert page.get_by_role("heading", name="异议受理").is_visible()
    assert page.get_by_role("link", name="东亭社区七宝巡逻队").is_visible()


def test_directory_fits_a_phone_screen(live_server, browser):
    build_world()
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in ("/zh-hans/", "/zh-hans/orgs/?district=420106", "/zh-hans/disclosure/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()
