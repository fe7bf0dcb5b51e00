"""Horizontal bar charts laid out in Python and drawn as SVG by
core/includes/bar_chart.html (the `{% bar_chart %}` tag), with no script and no asset.

Each row is a label on its own line with the bar under it and the value at the bar's end,
so long Chinese labels ("武昌区 水果湖街道") fit a phone. The drawing is WIDTH user units
wide, about a phone's content column, so FONT_SIZE units come out near 14 px there (0.9 px a unit); the
stylesheet caps its width on wide screens so the text stays near body size.
"""

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import ngettext, pgettext

WIDTH = 360
FONT_SIZE = 16
LABEL_HEIGHT = 22  # the label's line, above its bar
BAR_HEIGHT = 18
ROW_GAP = 12
VALUE_GAP = 6  # between a bar's end and its value
ROW_PITCH = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
# Each colour has at least 3:1 contrast against white (WCAG 1.4.11, tested); dark and
# lighter tones alternate so that neighbouring segments differ in lightness too.
PALETTE = (
    "#0b5c8e",
    "#d55e00",
    "#1e5b2a",
    "#2a8fd0",
    "#6a1b5a",
    "#2e9c6a",
    "#5e3a00",
    "#d03a8f",
)
ELLIPSIS = "…"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Series:
    label: str
    colour: str


@dataclass(frozen=True)
class Segment:
    series: str  # its label; "" in a chart without series
    value: Decimal | int
    text: str
    x: Decimal
    width: Decimal
    colour: str


@dataclass(frozen=True)
class Row:
    label: str
    short_label: str  # what fits on the line; the whole label is in the row's <title>
    total: Decimal | int
    text: str
    segments: tuple[Segment, ...]
    width: Decimal  # the bar's length: the sum of its segments'
    label_y: int
    bar_y: int
    value_x: Decimal
    value_y: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # the <desc>: what a screen reader says about the drawing
    rows: tuple[Row, ...]
    series: tuple[Series, ...]  # empty unless stacked (then shown as a legend)
    label_heading: str  # the data table's column headings
    value_heading: str
    bar_space: int  # the length of the longest bar
    height: int
    width: int = WIDTH
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT


def bar_chart(
    rows,
    *,
    title,
    summary=None,
    value_format=str,
    chart_id=None,
    label_heading=None,
    value_heading=None,
):
    """A chart of (label, value) pairs, one bar each, in the order given; None when there
    are no rows (show an empty state instead). Values are ints or Decimals, not negative;
    `value_format` turns one into its text ("48,000.00"); `summary` defaults to
    default_summary()."""
    rows = [(label, [value]) for label, value in rows]
    return _layout(rows, (), title, summary, value_format, chart_id, label_heading, value_heading)


def stacked_bar_chart(
    rows,
    series,
    *,
    title,
    summary=None,
    value_format=str,
    chart_id=None,
    label_heading=None,
    value_heading=None,
):
    """A chart of (label, values) rows, each bar split into one segment per series (values
    in the order of `series`, a list of labels; None counts as 0), with a legend; the
    value shown is the row's total. Otherwise as bar_chart()."""
    if len(series) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} series, not {len(series)}")
    rows = [(label, [value or 0 for value in values]) for label, values in rows]
    for label, values in rows:
        if len(values) != len(series):
            raise ValueError(f"{label!r}: {len(values)} values for {len(series)} series")
    series = tuple(Series(str(name), colour) for name, colour in zip(series, PALETTE, strict=False))
    return _layout(
        rows, series, title, summary, value_format, chart_id, label_heading, value_heading
    )


def default_summary(rows, value_format=str):
    """The highest of (label, value) pairs, the total and the count, for the <desc>."""
    rows = list(rows)
    if not rows:
        return ""
    label, highest = max(rows, key=lambda row: row[1])  # the first of equals
    count = len(rows)
    if not highest:
        return ngettext("%(count)s item, all zero.", "%(count)s items, all zero.", count) % {
            "count": count
        }
    total = sum(value for _label, value in rows)
    return ngettext(
        "Highest: %(label)s, %(value)s. Total of %(count)s item: %(total)s.",
        "Highest: %(label)s, %(value)s. Total of %(count)s items: %(total)s.",
        count,
    ) % {
        "label": label,
        "value": value_format(highest),
        "count": count,
        "total": value_format(total),
    }


def text_width(text):
    """An estimate, in user units: wide (CJK) characters are one em, others about 0.6."""
    wide = sum(unicodedata.east_asian_width(char) in "WF" for char in text)
    return FONT_SIZE * (wide + 0.6 * (len(text) - wide))


def fit(text, width):
    """`text` cut to `width` user units, with an ellipsis when it was cut."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + ELLIPSIS) > width:
        text = text[:-1]
    return text + ELLIPSIS


def _layout(rows, series, title, summary, value_format, chart_id, label_heading, value_heading):
    if not rows:
        return None
    for label, values in rows:
        if any(value < 0 for value in values):
            raise ValueError(f"{label!r}: negative value")
    totals = [(str(label), sum(values)) for label, values in rows]
    texts = [value_format(total) for _label, total in totals]
    # The longest value text fits after the longest bar, but takes at most half the width.
    gutter = min(math.ceil(max(map(text_width, texts))) + VALUE_GAP, WIDTH // 2)
    bar_space = WIDTH - gutter
    highest = max(total for _label, total in totals)
    names = [name.label for name in series] or [""]
    colours = [name.colour for name in series] or [PALETTE[0]]
    laid_out = []
    for index, ((_label, values), (label, total), text) in enumerate(
        zip(rows, totals, texts, strict=True)
    ):
        top = index * ROW_PITCH
        segments, start, running = [], Decimal(0), 0
        for name, colour, value in zip(names, colours, values, strict=True):
            running += value
            # Segment ends are rounded, not widths, so the widths add up to the bar.
            end = (bar_space * Decimal(running) / highest).quantize(CENT) if highest else start
            segments.append(Segment(name, value, value_format(value), start, end - start, colour))
            start = end
        laid_out.append(
            Row(
                label=label,
                short_label=fit(label, WIDTH),
                total=total,
                text=text,
                segments=tuple(segments),
                width=start,
                label_y=top + FONT_SIZE,
                bar_y=top + LABEL_HEIGHT,
                value_x=start + VALUE_GAP,
                value_y=top + LABEL_HEIGHT + BAR_HEIGHT // 2 + round(FONT_SIZE * 0.35),  # centred
            )
        )
    title = str(title)
    return Chart(
        id=chart_id or f"chart-{slugify(title, allow_unicode=True)}",
        title=title,
        summary=default_summary(totals, value_format) if summary is None else str(summary),
        rows=tuple(laid_out),
        series=series,
        label_heading=str(label_heading or pgettext("chart table", "Item")),
        value_heading=str(
            value_heading
            or (pgettext("chart table", "Total") if series else pgettext("chart table", "Value"))
        ),
        bar_space=bar_space,
        height=len(rows) * ROW_PITCH - ROW_GAP,
    )
