"""WCAG 2.1 A/AA rules checked by axe-core (bundled with axe-playwright-python, no network)
on every kind of public page, in a real Chromium."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.orgs.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_public_pages_have_no_wcag_violations(live_server, page):
    from cases.factories import CasePageFactory

    world = build_world()
    case = CasePageFactory(
        parent=world["sections"]["cases"], title="七宝巡逻队的故事", featured=True
    )
    paths = [
        "/zh-hans/",
        "/zh-hans/orgs/",
        "/zh-hans/orgs/?district=420106&street=420106001",
        world["orgs"]["qibao"].url,
        world["orgs"]["hub"].url,
        "/zh-hans/notices/",
        world["notices"]["change"].url,
        "/zh-hans/disclosure/",
        "/zh-hans/disclosure/?district=420106",
        "/zh-hans/disclosure/funding/",
        "/zh-hans/disclosure/evaluations/",
        "/zh-hans/cases/",
        case.url,
        "/zh-hans/policies/",
        "/zh-hans/no-such-page/",
    ]
    axe = Axe()
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        results = axe.run(page, options=WCAG_AA)
        violations = results.response["violations"]
        if violations:
            problems[path] = [
                {
                    "rule": v["id"],
                    "impact": v["impact"],
                    "nodes": [n["html"][:120] for n in v["nodes"][:3]],
                }
                for v in violations
            ]
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
