"""Templates share their repeated markup through includes (the funding table, the case
card): a block of six or more lines written out twice drifts apart when one is edited."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BLOCK = 6
# Lines that only close what came before ("</ul>", "{% endfor %}", "{% else %}") repeat
# everywhere: a block made mostly of them is not markup written twice.
CLOSING = re.compile(r"^(\s*(</[a-z0-9]+>|\{%\s*(end\w*|else|empty)\s*%\}))+\s*$")
MEANINGFUL = 3


def template_files():
    for folder in ("templates", "site", "search"):
        yield from sorted((ROOT / folder).rglob("*.html"))


def lines_of(path):
    """(line number, stripped line) for each non-blank line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            yield number, line.strip()


def repeated_blocks():
    seen = {}
    for path in template_files():
        lines = list(lines_of(path))
        for start in range(len(lines) - BLOCK + 1):
            block = tuple(line for _number, line in lines[start : start + BLOCK])
            if sum(not CLOSING.match(line) for line in block) < MEANINGFUL:
                continue
            seen.setdefault(block, []).append(f"{path.relative_to(ROOT)}:{lines[start][0]}")
    return {places[0]: places for places in seen.values() if len(places) > 1}


def test_the_closing_lines_rule():
    assert CLOSING.match("    {% endfor %}</ul>")
    assert CLOSING.match("</tbody>")
    assert not CLOSING.match('<li class="card">')
    assert not CLOSING.match("{% for case in cases %}")


def test_no_block_of_six_lines_is_written_twice():
    assert not repeated_blocks(), repeated_blocks()
