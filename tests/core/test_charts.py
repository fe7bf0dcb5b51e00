"""Bar charts (core.charts and its template): lengths in proportion, text escaped, the SVG
named and described for a screen reader, and the awkward inputs (none, zeros, long labels)."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

import pytest

from core import charts

SVG = "{http://www.w3.org/2000/svg}"


def render(chart, table=True):
    return Template("{% load site_tags %}{% bar_chart chart table=table %}").render(
        Context({"chart": chart, "table": table})
    )


def svg_of(html):
    """The drawing, parsed as XML: it fails here when the markup is not well formed."""
    match = re.search(r"<svg class=\"chart__svg\".*?</svg>", html, re.DOTALL)
    assert match, html
    return ET.fromstring(match.group())


def contrast_with_white(colour):
    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def test_bar_lengths_are_in_proportion_to_the_values():
    chart = charts.bar_chart(
        [("武昌区", Decimal("1000.00")), ("洪山区", 500), ("江汉区", Decimal("250.50"))],
        title="资助",
    )
    full, half, quarter = (row.width for row in chart.rows)
    assert full == chart.bar_space
    assert half == chart.bar_space / 2
    assert quarter == (chart.bar_space * Decimal("0.2505")).quantize(Decimal("0.01"))
    assert [row.label for row in chart.rows] == ["武昌区", "洪山区", "江汉区"]


def test_room_is_kept_for_the_longest_value_text():
    short = charts.bar_chart([("甲", 5)], title="t")
    long = charts.bar_chart([("甲", 5)], title="t", value_format=lambda v: f"{v:,}.00 元元元")
    assert long.bar_space < short.bar_space
    row = long.rows[0]
    assert row.value_x + Decimal(charts.text_width(row.text)) <= charts.WIDTH


def test_no_rows_no_chart():
    assert charts.bar_chart([], title="t") is None
    assert charts.stacked_bar_chart([], ["甲", "乙"], title="t") is None
    assert render(None).strip() == ""


def test_all_zeros_draw_no_bar_and_say_so():
    chart = charts.bar_chart([("甲", 0), ("乙", Decimal("0.00"))], title="t")
    assert [row.width for row in chart.rows] == [0, 0]
    with translation.override("zh-hans"):
        assert charts.default_summary([("甲", 0), ("乙", 0)]) == "共 2 项，均为零。"
    svg = svg_of(render(chart))
    assert svg.findall(f".//{SVG}rect") == []
    assert [text.text for text in svg.iter(f"{SVG}text")] == ["甲", "0", "乙", "0.00"]


def test_one_row_fills_the_width():
    chart = charts.bar_chart([("甲", 7)], title="t")
    assert chart.rows[0].width == chart.bar_space
    assert chart.height == charts.LABEL_HEIGHT + charts.BAR_HEIGHT


def test_negative_values_are_refused():
    with pytest.raises(ValueError):
        charts.bar_chart([("甲", -1)], title="t")


def test_a_long_label_is_cut_to_the_width_and_kept_whole_in_the_title():
    label = "武汉市武昌区水果湖街道东亭社区七宝巡逻志愿服务队与邻里互助会联合项目"
    chart = charts.bar_chart([(label, 1)], title="t")
    shown = chart.rows[0].short_label
    assert shown.endswith("…") and label.startswith(shown[:-1])
    assert charts.text_width(shown) <= charts.WIDTH < charts.text_width(label)
    group = svg_of(render(chart)).find(f"{SVG}g")
    assert group.find(f"{SVG}title").text == f"{label} 1"
    assert group.find(f"{SVG}text").text == shown
    assert charts.fit("武昌区 水果湖街道", charts.WIDTH) == "武昌区 水果湖街道"


def test_stacked_segments_add_up_to_the_row():
    chart = charts.stacked_bar_chart(
        [
            ("2025年", [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]),
            ("2024年", [100, None, Decimal("400.50")]),
        ],
        ["政府购买服务", "公益创投", "福利彩票公益金"],
        title="t",
    )
    first, second = chart.rows
    assert first.width == chart.bar_space
    assert second.width == (chart.bar_space * Decimal("0.5005")).quantize(Decimal("0.01"))
    for row in chart.rows:
        assert sum(segment.width for segment in row.segments) == row.width
        ends = [segment.x + segment.width for segment in row.segments]
        assert [segment.x for segment in row.segments[1:]] == ends[:-1]
    assert [segment.colour for segment in first.segments] == list(charts.PALETTE[:3])
    assert second.total == Decimal("500.50")


def test_stacked_rows_need_a_value_for_each_series():
    with pytest.raises(ValueError):
        charts.stacked_bar_chart([("2025年", [1, 2])], ["甲", "乙", "丙"], title="t")


def test_the_palette_has_enough_contrast_against_white():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) >= 7  # 资金来源 has seven kinds
    for colour in charts.PALETTE:
        assert contrast_with_white(colour) >= 3, colour
    assert contrast_with_white("#7fb3d5") < 3  # the check does catch a light colour


def test_default_summary_names_the_highest_the_total_and_the_count():
    rows = [("洪山区", Decimal("500")), ("武昌区", Decimal("1234000")), ("江汉区", 0)]
    with translation.override("zh-hans"):
        summary = charts.default_summary(rows, value_format=lambda value: f"{value:,.2f} 元")
    assert summary == "最高：武昌区，1,234,000.00 元。3 项合计 1,234,500.00 元。"


def test_the_svg_is_named_and_described_for_screen_readers():
    chart = charts.bar_chart(
        [("武昌区", 3), ("洪山区", 1)],
        title="各区资助",
        summary="最高：武昌区",
        chart_id="by-district",
    )
    svg = svg_of(render(chart))
    assert svg.get("role") == "img"
    assert svg.get("viewBox") == f"0 0 {charts.WIDTH} {chart.height}"
    assert svg.get("width") == "100%"
    title_id, desc_id = svg.get("aria-labelledby").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, "各区资助")
    assert (desc.get("id"), desc.text) == (desc_id, "最高：武昌区")
    widths = [Decimal(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths == [chart.bar_space, (chart.bar_space / Decimal(3)).quantize(Decimal("0.01"))]


def test_labels_and_values_are_escaped():
    label = '<script>alert("x")</script> & 公司'
    chart = charts.bar_chart([(label, 5)], title="A & B", value_format=lambda v: f"<{v}>")
    html = render(chart)
    assert "<script>" not in html
    texts = [text.text for text in svg_of(html).iter(f"{SVG}text")]
    assert texts == [label, "<5>"]
    assert (
        '<th scope="row">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 公司</th>' in html
    )


def test_the_data_table_carries_every_value_unless_the_page_has_its_own():
    chart = charts.stacked_bar_chart(
        [("2025年", [Decimal("300"), Decimal("120")])],
        ["政府购买服务", "公益创投"],
        title="各年度资助",
        value_format=lambda value: f"{value:,.2f}",
    )
    with translation.override("zh-hans"):
        html = render(chart)
    assert (
        '<th scope="row">2025年</th><td class="num">300.00</td><td class="num">120.00</td>' in html
    )
    assert ">合计</th>" in html and ">420.00</td>" in html
    assert 'class="chart__legend"' in html and ">公益创投</li>" in html
    assert "<table" not in render(chart, table=False)
