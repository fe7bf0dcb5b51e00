"""A resident objects to a notice from a 390 px phone with JavaScript off, on the
traditional-script page: a refused form comes back with its messages and what was typed,
the accepted one with a reference number, stored against the zh-hans notice."""

import os
import re
from pathlib import Path

import pytest

from disclosure.models import Objection
from tests.orgs.world import build_world, twin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
CONTENT = "負責人變更未經成員大會表決，請核實。"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_an_objection_from_a_phone_without_javascript(live_server, browser, tmp_path):
    world = build_world()
    notice = world["notices"]["change"]
    url = live_server.url + twin(notice).url
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)

    # What a phone shows: the form fits the screen, the honeypot is off it.
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-TW")
    page = context.new_page()
    page.goto(url + "#objection")
    assert page.evaluate(OVERFLOW) <= 0
    # All in Chinese: no English left untranslated in the section a reader sees.
    section = page.locator("#objection").inner_text()
    assert not re.search(r"[A-Za-z]{3,}", section), section
    trap = page.locator("#id_website").bounding_box()
    assert trap["x"] + trap["width"] <= 0, trap
    for label in ("異議內容", "姓名", "聯繫電話", "電子郵箱"):
        box = page.get_by_label(label, exact=True).bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], (label, box)
    context.close()

    # Sent with JavaScript off: a plain form post.
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    page.get_by_label("異議內容", exact=True).fill(CONTENT)
    page.get_by_label("姓名", exact=True).fill("王秀蘭")
    page.get_by_role("button", name="提交異議").click()
    page.wait_for_load_state()
    alert = page.locator(".objections [role=alert]")
    assert "異議未提交" in alert.inner_text()
    assert "請留下聯繫電話或電子郵箱" in alert.inner_text()
    assert page.get_by_label("異議內容", exact=True).input_value() == CONTENT
    assert page.get_by_label("姓名", exact=True).input_value() == "王秀蘭"
    page.screenshot(path=str(shots / "objection-refused.png"), full_page=True)
    assert not Objection.objects.exists()

    page.get_by_label("聯繫電話", exact=True).fill("027-8700 1234")
    page.get_by_role("button", name="提交異議").click()
    page.wait_for_load_state()
    assert page.url == url + "#objection"
    thanks = page.locator(".objections [role=status]").inner_text()
    assert "您的異議已收到" in thanks
    reference = re.search(r"\d{8}-[2-9A-HJ-NP-Z]{5}", thanks).group(0)
    page.screenshot(path=str(shots / "objection-received.png"), full_page=True)
    context.close()

    objection = Objection.objects.get()
    assert objection.reference == reference
    assert objection.notice_id == notice.pk  # the zh-hans source
    assert (objection.content, objection.name, objection.phone) == (
        CONTENT,
        "王秀蘭",
        "027-8700 1234",
    )
