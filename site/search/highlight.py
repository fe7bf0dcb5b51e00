"""Marking matches on the original text (modelsearch has no highlighting).

Folding (NFKC, lower case, t2s) keeps the length of Chinese text, so a match found in
the folded text is at the same offsets in the original. Where a character folds to a
different length (rare ligatures), the text is folded character by character and the
offsets are mapped back.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .normalize import fold

SNIPPET_LENGTH = 110


def _folded_with_offsets(text: str):
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    pieces, offsets = [], []
    for index, char in enumerate(text):
        piece = fold(char)
        pieces.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(pieces), offsets


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of `text` where any folded word occurs."""
    if not text or not words:
        return []
    folded, offsets = _folded_with_offsets(text)
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True) if word)
    )
    spans = []
    for match in pattern.finditer(folded):
        start, end = match.span()
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        if spans and start <= spans[-1][1]:  # adjacent words (公益 创投) make one mark
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def plain_text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def highlight(text, words, length=None):
    """Escaped text with <mark> around matches; with `length`, a window around the first
    match (… at cut ends)."""
    text = plain_text(text)
    spans = match_spans(text, words)
    start, end = 0, len(text)
    if length and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 3, len(text) - length))
        end = start + length
    out = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))


def snippet(texts, words, length=SNIPPET_LENGTH):
    """The first of `texts` that contains a match, highlighted; else the first text."""
    candidates = [plain_text(t) for t in texts if t]
    for text in candidates:
        if match_spans(text, words):
            return highlight(text, words, length)
    return highlight(candidates[0], words, length) if candidates else mark_safe("")
