"""The registry's whole path, as the people in it click it (issue 10): a street editor
(not a superuser) loads the street's ledger, writes the new organization's filing notice
and submits it for review; the bureau's reviewer approves it from the dashboard; a
reader then finds the organization 活动中 with its filing notice, in both scripts."""

import datetime
import os
from pathlib import Path

import pytest

from core.dates import today
from disclosure.models import NoticePage
from orgs.models import OrganizationPage
from tests.access.world import scoped_world
from tests.orgs.ledger_files import ledger_csv, new_row

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "东亭社区邻里互助队"
NOTICE = "关于东亭社区邻里互助队备案的公示"


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()


# The admin's editor and chooser modal load several scripts and requests, which the live
# server answers one at a time (conftest.py); with the SQLite and PostgreSQL suites side
# by side on two cores (CI), a modal once took longer than Playwright's 30 s default.
ADMIN_WAIT_MS = 90_000


def test_import_submit_approve_and_read(live_server, browser, tmp_path):
    world = scoped_world()
    base = live_server.url
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    day = today()
    ledger = tmp_path / "水果湖街道台账.csv"
    ledger.write_bytes(ledger_csv([new_row(组织名称=NAME)], encoding="gb18030"))

    # The street's editor loads the ledger: check, preview, confirm.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ADMIN_WAIT_MS)
    page = context.new_page()
    log_in(page, base, "shuiguohu-editor")
    page.goto(base + "/admin/ledger/import/")
    page.locator("input[type=file]").set_input_files(str(ledger))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "journey-1-preview.png"), full_page=True)
    assert NAME in page.content()
    page.get_by_role("button", name="导入").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "journey-2-imported.png"), full_page=True)
    assert "新建 1 个组织" in page.locator(".messages").inner_text()

    # … writes its filing notice and submits it for review.
    notices = world["sections"]["notices"]
    page.goto(base + f"/admin/pages/add/disclosure/noticepage/{notices.pk}/")
    page.locator("#id_title").fill(NOTICE)  # the slug may stay blank (core/slugs.py)
    page.locator("#id_kind").select_option("filing")
    page.locator("#id_reference_number").fill("武昌水备字〔2026〕第17号")
    page.locator("#id_issuer").fill("武昌区水果湖街道办事处")
    page.locator("#id_starts_on").fill(day.isoformat())
    page.locator("#id_ends_on").fill((day + datetime.timedelta(days=6)).isoformat())
    page.locator("#id_notice_organizations-OPEN_MODAL").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("搜索").fill("邻里互助")
    # One request at a time: the live server shares the test's in-memory SQLite
    # connection between its threads, so overlapping requests would lock each other out.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    dialog.get_by_role("row", name=NAME).get_by_role("checkbox").check()
    dialog.get_by_role("button", name="确认选择").click()
    dialog.wait_for(state="hidden")
    page.screenshot(path=str(shots / "journey-4-notice.png"), full_page=True)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.screenshot(path=str(shots / "journey-5-menu.png"))
    page.get_by_role("button", name="提交给民政局审核").click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "journey-6-submitted.png"), full_page=True)
    context.close()  # before the test reads the database (conftest: one connection)
    notice = NoticePage.objects.get(title=NOTICE, locale__language_code="zh-hans")
    assert notice.workflow_in_progress

    # Not public yet: the notice is a draft in review.
    reader = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = reader.new_page()
    organization = OrganizationPage.objects.get(title=NAME, locale__language_code="zh-hans")
    response = page.goto(base + organization.url)
    assert response.status == 200
    assert NOTICE not in page.content()
    reader.close()

    # The bureau's reviewer approves it from the dashboard.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ADMIN_WAIT_MS)
    page = context.new_page()
    log_in(page, base, "bureau-reviewer")
    page.screenshot(path=str(shots / "journey-7-dashboard.png"), full_page=True)
    waiting = page.locator("#dashboard-waitingforreviewpanel-section")
    assert NOTICE in waiting.inner_text()
    waiting.get_by_role("link", name=NOTICE).click()
    page.wait_for_load_state()
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.screenshot(path=str(shots / "journey-8-review-menu.png"))
    page.get_by_role("button", name="批准").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "journey-9-approved.png"))
    assert "已被更新" in page.locator(".messages").inner_text()
    context.close()

    notice = NoticePage.objects.get(title=NOTICE, locale__language_code="zh-hans")
    assert notice.live and not notice.workflow_in_progress
    assert notice.slug == f"{day:%Y%m%d}-filing"  # left blank by the editor

    # A reader, on a phone, in both scripts: the organization is 活动中, its history
    # names the filing notice, which is public.
    for language, status, title in (
        ("zh-hans", "活动中", NOTICE),
        ("zh-hant", "活動中", "關於東亭社區鄰里互助隊備案的公示"),
    ):
        reader = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        page = reader.new_page()
        page.goto(base + f"/{language}/orgs/")
        page.get_by_role(
            "link", name=NAME if language == "zh-hans" else "東亭社區鄰里互助隊"
        ).first.click()
        page.wait_for_load_state()
        page.screenshot(path=str(shots / f"journey-10-profile-{language}.png"), full_page=True)
        assert page.locator(".badge--active").first.inner_text() == status
        history = page.locator("section:has(#status-history)")
        assert title in history.inner_text()
        history.get_by_role("link", name=title).first.click()
        page.wait_for_load_state()
        assert title in page.locator("h1").inner_text()
        page.screenshot(path=str(shots / f"journey-11-notice-{language}.png"), full_page=True)
        reader.close()
