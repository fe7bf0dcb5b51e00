"""Money tables on a 390 px phone, in both scripts: the amount column is on screen, or
inside a box of its own that scrolls sideways under a caption the reader can see."""

import os
from pathlib import Path

import pytest

from tests.orgs.world import build_world, twin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}

# For every table with an amount column: where its amount cells are, and, when one is
# off screen, the scrolling box it is in and that box's caption (a <caption>, or what the
# box's aria-labelledby names).
MEASURE = """() => {
  const inView = (r) => r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 0.5;
  const box = (r) => r && [Math.round(r.left), Math.round(r.right)];
  return [...document.querySelectorAll("main table")].filter(
    (table) => table.querySelector("thead th.num")
  ).map((table) => {
    const header = [...table.querySelectorAll("thead th")].pop();
    const amounts = [header, ...table.querySelectorAll("tbody tr > :last-child")];
    const off = amounts.filter((cell) => !inView(cell.getBoundingClientRect()));
    let scroller = table.parentElement;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (["auto", "scroll"].includes(style.overflowX)) break;
      scroller = scroller.parentElement;
    }
    if (scroller === document.body) scroller = null;
    const labelId = scroller && scroller.getAttribute("aria-labelledby");
    const caption = table.querySelector("caption") ||
      (labelId ? document.getElementById(labelId) : null);
    return {
      name: (caption ? caption.innerText : header.innerText).slice(0, 40),
      amounts: amounts.length,
      offScreen: off.map((cell) => [cell.innerText, box(cell.getBoundingClientRect())]),
      scroller: scroller && box(scroller.getBoundingClientRect()),
      scrollerInView: !!scroller && inView(scroller.getBoundingClientRect()),
      caption: caption && box(caption.getBoundingClientRect()),
      captionInView: !!caption && inView(caption.getBoundingClientRect()),
    };
  });
}"""


def unreadable(tables):
    """Tables whose amounts a phone reader cannot get at."""
    return [
        table
        for table in tables
        if table["offScreen"] and not (table["scrollerInView"] and table["captionInView"])
    ]


def test_money_tables_fit_a_phone_in_both_scripts(live_server, browser, tmp_path):
    world = build_world()
    qibao, disclosure = world["orgs"]["qibao"], world["sections"]["disclosure"]
    paths = [qibao.url, twin(qibao).url, disclosure.url, twin(disclosure).url]
    paths += [disclosure.url + "funding/", twin(disclosure).url + "funding/"]
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        page.screenshot(
            path=str(shots / (path.strip("/").replace("/", "_") + ".png")), full_page=True
        )
        tables = page.evaluate(MEASURE)
        # The profile and the funding table have one money table; the overview has its
        # totals, districts, streets and recipients.
        one = "/orgs/" in path or path.endswith("/funding/")
        assert len(tables) >= (1 if one else 4), (path, tables)
        assert all(table["amounts"] > 1 for table in tables), (path, tables)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        if unreadable(tables):
            problems[path] = unreadable(tables)
    context.close()
    assert not problems, problems
