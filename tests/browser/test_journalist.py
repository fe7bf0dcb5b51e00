"""A journalist asks how much public money went to 武昌区 this year: filters the
disclosure overview by district and year, reads the total, opens the grants one by one
and downloads them as CSV; the file's rows add up to the total the page showed."""

import csv
import io
from decimal import Decimal

import pytest

from core.dates import today
from disclosure.factories import FundingRecordFactory
from tests.orgs.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_filter_read_the_total_download_the_rows(live_server, page):
    world = build_world()
    year = today().year
    orgs = world["orgs"]
    FundingRecordFactory(organization=orgs["hub"], amount=Decimal("50000"), year=year)
    FundingRecordFactory(organization=orgs["wudao"], amount=Decimal("15000"), year=year)  # 青山区
    FundingRecordFactory(organization=orgs["qibao"], amount=Decimal("999"), year=year - 1)
    disclosure = world["sections"]["disclosure"]

    page.goto(live_server.url + disclosure.url)
    page.select_option("#id_district", label="武昌区")
    page.fill("#id_year_from", str(year))
    page.fill("#id_year_to", str(year))
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert "district=420106" in page.url
    summary = page.locator("main .result-count").first.inner_text()
    # build_world's 48,000 for 七宝巡逻队 this year, and the hub's 50,000.
    assert "98,000.00" in summary, summary

    page.get_by_role("link", name="逐笔查看这些资助").click()
    page.wait_for_load_state()
    assert "/disclosure/funding/" in page.url and "district=420106" in page.url
    assert "98,000.00" in page.locator("main .result-count").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV（Excel、WPS 可打开）").click()
    data = open(download_info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert sum(Decimal(row["金额（元）"]) for row in rows) == Decimal("98000")
    assert {row["组织名称"] for row in rows} == {
        "东亭社区七宝巡逻队",
        "水果湖街道社区社会组织联合会",
    }
