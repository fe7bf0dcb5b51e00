"""The public pages of each kind, in both scripts, load in Chromium under the site's own
Content-Security-Policy (the one production sends: settings.CONTENT_SECURITY_POLICY,
core/security.py) without a single violation: no inline script or style, nothing from
another origin. The search page's suggestions (fetch) run too."""

import io
import json

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest

from tests.orgs.world import build_world, twin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
  });
});
"""


def world_with_a_case():
    from cases.factories import CasePageFactory
    from demo.images import draw_scene

    world = build_world()
    image = get_image_model()(
        title="巡逻插图",
        description="巡逻队员夜间巡逻的示意插图",
        file=ImageFile(io.BytesIO(draw_scene("teal", 1)), name="patrol.jpg"),
    )
    image.save()
    case = CasePageFactory(
        parent=world["sections"]["cases"],
        title="七宝巡逻队的故事",
        featured=True,
        hero_image=image,
        body=[("image", {"image": image, "caption": "夜间巡逻"})],
    )
    case.save_revision().publish()  # as editors publish: with its zh-hant twin
    return world, case


def test_public_pages_load_without_csp_violations(live_server, page, settings, tmp_path):
    # The case's images on disk and served by Django, as on a single box (SERVE_MEDIA=1).
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.SERVE_MEDIA = True
    world, case = world_with_a_case()
    pages = [
        world["orgs"]["qibao"],
        world["orgs"]["hub"],
        world["notices"]["change"],
        case,
    ]
    paths = []
    for language in ("zh-hans", "zh-hant"):
        paths += [
            f"/{language}/",
            f"/{language}/orgs/",
            f"/{language}/notices/",
            f"/{language}/disclosure/",
            f"/{language}/disclosure/funding/",
            f"/{language}/cases/",
            f"/{language}/policies/",
            f"/{language}/data/",
            f"/{language}/search/?q=巡逻",
            f"/{language}/no-such-page/",
        ]
        paths += [(p if language == "zh-hans" else twin(p)).url for p in pages]

    console_errors, failed = [], []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    problems = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__cspViolations")
        if violations:
            problems[path] = violations

    # The search box's suggestions: a fetch to /api/search/suggest/ (connect-src).
    page.goto(live_server.url + "/zh-hans/search/")
    page.locator("#search-q").press_sequentially("七宝")
    # A locator, not wait_for_function: a string predicate is eval'd in the page, which
    # the site's Content-Security-Policy forbids (no 'unsafe-eval').
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    violations = page.evaluate("window.__cspViolations")
    if violations:
        problems["/zh-hans/search/ (suggestions)"] = violations

    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    # Every stylesheet, script and image loaded (the two 404 pages aside).
    assert [url for url in failed if "no-such-page" not in url] == []
    csp_errors = [text for text in console_errors if "Content Security Policy" in text]
    assert not csp_errors, csp_errors


def test_the_admin_and_the_editors_userbar_work_under_their_policies(live_server, page):
    """An editor logs in through the login page, opens the admin's main views, then a
    public page with Wagtail's userbar: no CSP violation anywhere."""
    from django.contrib.auth import get_user_model

    world = build_world()
    get_user_model().objects.create_superuser("bianji", "b@example.org", "correct-horse-battery")
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("bianji")
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")
    problems = {}
    paths = [
        "/admin/",
        f"/admin/pages/{world['sections']['orgs'].pk}/",
        f"/admin/pages/{world['orgs']['qibao'].pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/taxonomy/region/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__cspViolations")
        if violations:
            problems[path] = violations
    # The userbar on a public page (its scripts are files under /static/).
    page.goto(live_server.url + world["orgs"]["qibao"].url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__cspViolations")
    if violations:
        problems["userbar"] = violations
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
