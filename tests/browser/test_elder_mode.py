"""Elder mode (长辈模式) and keyboard use in a real Chromium: a keyboard-only journey with
a visible focus ring at every step, the switch without JavaScript (remembered across
pages, the sizes and spacing MIIT's 适老化 rules ask for), and no sideways scrolling at
200% zoom (640 CSS px) and on a 390 px phone on every page type."""

import json

import pytest

from tests.browser.public_pages import build_public_pages, elder_mode, in_script

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What the focused element looks like: its outline and where it is.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || "").trim(),
    href: el.getAttribute("href"), outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor,
    width: box.width, height: box.height,
    inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
  };
}"""


def assert_focus_visible(focused):
    assert focused["tag"] != "body", "focus was lost"
    assert focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2, focused
    assert focused["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)"), focused
    assert focused["width"] > 0 and focused["height"] > 0 and focused["inView"], focused


def tab_to(page, wanted, backwards=False, limit=120):
    """Press Tab (Shift+Tab) until `wanted(focused)` holds, checking every stop's ring."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        assert_focus_visible(focused)
        if wanted(focused):
            return focused
    raise AssertionError("never reached the element by keyboard")


@pytest.mark.parametrize("mode", ["standard", "elder"])
def test_keyboard_only_journey(live_server, browser, mode):
    """Home → directory → a filter chosen and sent → a profile → search, keys only."""
    build_public_pages()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    if mode == "elder":
        elder_mode(context, live_server)
    page = context.new_page()
    page.goto(live_server.url + "/zh-hans/")

    # The first stop is the skip link, shown when focused; Enter moves focus to <main>.
    first = tab_to(page, lambda f: True)
    assert first["href"] == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Back from <main> into the header (its last control, the search button), and on
    # back to the directory in the main navigation.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["tag"] == "button"
    assert_focus_visible(page.evaluate(FOCUSED))
    tab_to(page, lambda f: f["href"] == "/zh-hans/orgs/", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/orgs/")

    # A district, chosen with the arrow key on the closed list (as keyboard users do), then
    # the form sent with Enter on its button.
    tab_to(page, lambda f: f["id"] == "id_district")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#id_district").input_value()
    assert chosen
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "筛选")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/zh-hans/orgs/?*district={chosen}*")
    assert "东亭社区七宝巡逻队" in page.locator(".org-list").inner_text()

    # A profile, from its card's link (Space does not follow links; Enter does).
    tab_to(page, lambda f: f["text"] == "东亭社区七宝巡逻队")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/orgs/qibao/")
    assert page.get_by_role("heading", level=1).inner_text() == "东亭社区七宝巡逻队"

    # Search, from the header's box: back up with Shift+Tab, type, Enter.
    tab_to(page, lambda f: f["id"] == "site-search-q", backwards=True)
    page.keyboard.type("巡逻队")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh-hans/search/?q=*")
    tab_to(page, lambda f: f["text"].startswith("东亭社区七宝巡逻队"))
    # Shift+Tab goes back through the same visible stops.
    tab_to(page, lambda f: f["id"] == "search-q", backwards=True)
    page.keyboard.press("Space")  # a text box takes the space as text
    assert page.locator("#search-q").input_value().endswith(" ")
    context.close()


def sizes(page):
    return page.evaluate(
        """() => {
          const of = (selector) => {
            const el = document.querySelector(selector);
            const style = getComputedStyle(el);
            return {fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
                    color: style.color};
          };
          return {body: of("body"), h1: of("h1"), meta: of(".meta"), nav: of(".site-nav a"),
                  paragraph: of(".lead, main p"), label: of(".display-switch a")};
        }"""
    )


# Controls and links that stand on their own (not inside a sentence or a table cell).
TARGETS = """() => [...document.querySelectorAll(
  "button, select, input:not([type=hidden]), .site-nav a, .display-switch a, .script-switch a,"
  + " .pagination a, .filters__actions a, .more a, .link-list a, .site-footer a,"
  + " .org-card__title a, .notice-list__title a, .card h2 a, .card h3 a")]
  .filter((el) => el.getClientRects().length && !el.closest(".visually-hidden"))
  .map((el) => {
    const box = el.getBoundingClientRect();
    return {html: el.outerHTML.slice(0, 80), width: box.width, height: box.height};
  })
  .filter((t) => t.width < 44 || t.height < 44)"""


def test_elder_mode_without_javascript(live_server, browser, tmp_path):
    """Switched on and off with the header's link, JavaScript off; remembered across
    pages; 1.5× the text, line spacing ≥ 1.3, paragraphs ≥ 1.3 lines apart, black text,
    44 px targets."""
    build_public_pages()
    context = browser.new_context(
        locale="zh-TW", viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/zh-hant/orgs/qibao/")
    standard = sizes(page)
    assert page.locator("html").get_attribute("class") is None

    page.locator(".display-switch").get_by_role("link", name="長輩模式（大字版）").click()
    page.wait_for_url("**/zh-hant/orgs/qibao/")
    assert page.locator("html").get_attribute("class") == "elder"
    elder = sizes(page)
    for name in standard:
        assert elder[name]["fontSize"] >= 1.5 * standard[name]["fontSize"] - 0.01, name
        assert elder[name]["lineHeight"] >= 1.3 * elder[name]["fontSize"], name
    assert elder["body"]["fontSize"] >= 24
    assert elder["body"]["color"] == "rgb(0, 0, 0)"
    problems = page.evaluate(TARGETS)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)

    # Remembered: the next page (a case story, with paragraphs) is in elder mode too.
    page.locator(".site-nav").get_by_role("link", name="典型案例").click()
    page.wait_for_url("**/zh-hant/cases/")
    assert page.locator("html").get_attribute("class") == "elder"
    page.locator(".card h2 a, .card h3 a").first.click()
    page.wait_for_load_state()
    spacing = page.evaluate(
        """() => [...document.querySelectorAll("main p + p, footer p + p")].filter((p) => p.innerText.trim())
          .map((p) => {
            const before = p.previousElementSibling;
            const lineHeight = parseFloat(getComputedStyle(before).lineHeight);
            const gap = p.getBoundingClientRect().top - before.getBoundingClientRect().bottom;
            return {gap, lineHeight, text: p.innerText.slice(0, 20)};
          })"""
    )
    assert len(spacing) >= 2, spacing
    for pair in spacing:
        assert pair["gap"] >= 1.3 * pair["lineHeight"], pair
    for path in ("/zh-hant/", "/zh-hant/orgs/", "/zh-hant/search/?q=%E5%B7%A1%E9%82%8F"):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("class") == "elder", path
        problems = page.evaluate(TARGETS)
        assert not problems, (path, json.dumps(problems, ensure_ascii=False, indent=1))

    # Off again, with the same link's other side; also remembered.
    page.locator(".display-switch").get_by_role("link", name="退出長輩模式").click()
    page.wait_for_url("**/zh-hant/search/?q=*")
    assert page.locator("html").get_attribute("class") is None
    page.goto(live_server.url + "/zh-hant/orgs/qibao/")
    assert page.locator("html").get_attribute("class") is None
    assert sizes(page)["body"] == standard["body"]
    context.close()


OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter((el) => !el.closest(".table-scroll, .visually-hidden, .skip-link"))
    .slice(0, 5).map((el) => el.outerHTML.slice(0, 100));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


@pytest.mark.parametrize(
    "width, scale",
    [(640, 2), (390, 3)],  # 1280 px at 200% zoom; a phone
    ids=["zoom-200", "phone-390"],
)
def test_no_sideways_scrolling_in_elder_mode(live_server, browser, tmp_path, width, scale):
    paths = build_public_pages()
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": width, "height": 800},
        device_scale_factor=scale,
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    elder_mode(context, live_server)
    page = context.new_page()
    problems = {}
    for language in ("zh-hans", "zh-hant"):
        for path in paths:
            path = in_script(path, language)
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("class") == "elder"
            found = page.evaluate(OVERFLOW)
            if found["scrollWidth"] > found["clientWidth"]:
                problems[path] = found
        # For a person to look at (docs/accessibility.md): home and a profile, each script.
        for name, path in (("home", "/zh-hans/"), ("profile", "/zh-hans/orgs/qibao/")):
            page.goto(live_server.url + in_script(path, language))
            page.screenshot(
                path=str(tmp_path / f"elder-{width}-{language}-{name}.png"), full_page=True
            )
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
