"""Reading the demo data files (TOML under data/, policy texts under data/policies/)."""

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_toml(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@dataclass
class PolicyText:
    slug: str
    title: str
    issuer: str
    issued_on: datetime.date | None
    reference_number: str
    source: str
    summary: str
    blocks: list = field(default_factory=list)  # [("heading" | "paragraph", text)]


HEADER_KEYS = {"title", "slug", "issuer", "issued_on", "reference_number", "source", "summary"}


def read_policy(path: Path) -> PolicyText:
    """A policy file: `key: value` header lines, then the text: paragraphs separated by
    blank lines, `## ` starting a heading. The text starts at the first line that is not
    a header line, blank line or not: splitting at the first blank line instead put the
    text's opening (the ten measures' first article heading) into the header, where it
    was dropped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = {}
    for index, line in enumerate(lines):
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS:
            body = "\n".join(lines[index:])
            break
        header[key.strip()] = value.strip()
    else:
        body = ""
    blocks = []
    for chunk in body.split("\n\n"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(("heading", chunk[3:].strip()))
        else:
            blocks.append(("paragraph", " ".join(chunk.splitlines())))
    issued_on = header.get("issued_on") or ""
    return PolicyText(
        slug=header["slug"],
        title=header["title"],
        issuer=header.get("issuer", ""),
        issued_on=datetime.date.fromisoformat(issued_on) if issued_on else None,
        reference_number=header.get("reference_number", ""),
        source=header.get("source", ""),
        summary=header.get("summary", ""),
        blocks=blocks,
    )


def policies() -> list[PolicyText]:
    return [read_policy(path) for path in sorted((DATA_DIR / "policies").glob("*.txt"))]


def paragraphs_html(text: str) -> str:
    """Plain text with blank-line paragraphs → rich text HTML."""
    from django.utils.html import escape

    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def body_blocks(text: str) -> list[dict]:
    """Blank-line paragraphs → StreamField data; a chunk starting with "## " is a heading."""
    blocks = []
    for chunk in (c.strip() for c in text.split("\n\n")):
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append({"type": "heading", "value": chunk[3:].strip()})
        else:
            blocks.append({"type": "paragraph", "value": paragraphs_html(chunk)})
    return blocks
