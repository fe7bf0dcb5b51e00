"""Every type of public page, once each, for the browser checks that go through them all
(axe, no sideways scrolling): in either script, from the same test world."""

from tests.orgs.world import build_world

ELDER_COOKIE = "display_mode"


def build_public_pages():
    """Build the test world (published, so with zh-hant twins); return the zh-hans paths
    of each page type."""
    world = build_world()
    return [
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
        world["cases"]["knock-and-patrol"].url,
        "/zh-hans/policies/",
        "/zh-hans/search/?q=%E5%B7%A1%E9%80%BB",  # 巡逻
        "/zh-hans/no-such-page/",
    ]


def in_script(path, language):
    """The same page in the other script: twins keep their slugs, only the prefix differs."""
    assert path.startswith("/zh-hans/")
    return f"/{language}/{path[len('/zh-hans/') :]}"


def elder_mode(context, live_server):
    """Switch a browser context to elder mode, as the header's link leaves it."""
    context.add_cookies([{"name": ELDER_COOKIE, "value": "elder", "url": live_server.url}])
