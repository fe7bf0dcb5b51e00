"""WCAG 2.1 A/AA rules checked by axe-core (bundled with axe-playwright-python, no network)
on every kind of public page, in both scripts and in elder mode (长辈模式), in a real
Chromium. In elder mode the enhanced contrast rule (7:1, WCAG AAA) is checked too."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.public_pages import build_public_pages, elder_mode, in_script

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page, axe, tags):
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": [n["html"][:120] for n in v["nodes"][:3]],
        }
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("mode", ["standard", "elder"])
def test_public_pages_have_no_wcag_violations(live_server, browser, mode):
    paths = build_public_pages()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tags = WCAG_AA
    if mode == "elder":
        elder_mode(context, live_server)
        tags = [*WCAG_AA, "wcag2aaa"]
    page = context.new_page()
    axe = Axe()
    problems = {}
    for language in ("zh-hans", "zh-hant"):
        for path in paths:
            path = in_script(path, language)
            response = page.goto(live_server.url + path)
            assert response.status == (404 if "no-such-page" in path else 200), path
            assert (page.locator("html").get_attribute("class") == "elder") == (mode == "elder")
            found = violations(page, axe, tags)
            if found:
                problems[path] = found
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
