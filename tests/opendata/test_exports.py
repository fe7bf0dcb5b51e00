"""Every list's downloads (?format=csv|xlsx|json) hold the rows the page shows, in the
page's script, with formula-like cells made inert in the spreadsheet formats."""

import csv
import html
import io
import json
import re

from django.test import TestCase

from openpyxl import load_workbook

from disclosure.factories import EvaluationRecordFactory, FundingRecordFactory
from orgs.factories import OrganizationPageFactory
from tests.orgs.world import build_world, twin

RESULT_COUNT = re.compile(r'class="result-count"[^>]*>.*?<strong>([\d,]+)</strong>', re.S)
ORG_CARD = re.compile(r'class="org-card__title"><a href="[^"]*">([^<]+)</a>')
NOTICE_TITLE = re.compile(r'class="notice-list__title"><a href="[^"]*">([^<]+)</a>')
RECORD_ORG = re.compile(r'<td class="cell-wide"><a href="[^"]*">([^<]+)</a></td>')

FORMULA_ORG = '=HYPERLINK("http://example.com/","东亭社区互助队")'
FORMULA_PROJECT = "@SUM(1)东亭社区邻里节"
WUCHANG = "420106"


def build_export_world():
    world = build_world()
    hostile = OrganizationPageFactory(
        parent=world["sections"]["orgs"],
        title=FORMULA_ORG,
        slug="formula",
        region=world["regions"]["dongting"],
        category=world["categories"]["affairs"],
        leader_name="-王芳",
    )
    hostile.save_revision().publish()
    FundingRecordFactory(organization=hostile, project_title=FORMULA_PROJECT, year=2025)
    EvaluationRecordFactory(organization=hostile, star_level=1, evaluator="+东亭社区评估组")
    world["orgs"]["formula"] = hostile
    return world


# dataset: (section, path below it, the column of the names the page lists, the pattern
# that finds those names on the page, the column's name in each script)
DATASETS = {
    "organizations": ("orgs", "", "name", ORG_CARD, ("组织名称", "組織名稱")),
    "notices": ("notices", "", "title", NOTICE_TITLE, ("标题", "標題")),
    "funding": ("disclosure", "funding/", "organization", RECORD_ORG, ("组织名称", "組織名稱")),
    "evaluations": (
        "disclosure",
        "evaluations/",
        "organization",
        RECORD_ORG,
        ("组织名称", "組織名稱"),
    ),
}


def read_csv(response):
    raw = response.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return rows[0], rows[1:]


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [list(row) for row in sheet.iter_rows()]
    return [cell.value for cell in rows[0]], rows[1:]


def read_json(response):
    return json.loads(response.getvalue())


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_export_world()

    def list_url(self, dataset, traditional=False):
        section, below, *_ = DATASETS[dataset]
        page = self.world["sections"][section]
        if traditional:
            page = twin(page)
        return page.url + below

    def page_rows(self, url, pattern):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        content = response.content.decode()
        count = int(RESULT_COUNT.search(content).group(1).replace(",", ""))
        names = sorted(html.unescape(name) for name in pattern.findall(content))
        return count, names

    def download(self, url, fmt):
        response = self.client.get(f"{url}&format={fmt}")
        self.assertEqual(response.status_code, 200, url)
        self.assertIn("attachment;", response["Content-Disposition"])
        return response

    def test_downloads_hold_the_pages_rows_in_the_pages_script(self):
        for dataset, (_s, _b, column, pattern, headers) in DATASETS.items():
            for traditional, header in zip((False, True), headers, strict=True):
                url = self.list_url(dataset, traditional) + f"?district={WUCHANG}"
                with self.subTest(dataset=dataset, url=url):
                    count, names = self.page_rows(url, pattern)
                    self.assertGreater(count, 0)
                    self.assertEqual(len(names), count)  # one page holds them all

                    labels, rows = read_csv(self.download(url, "csv"))
                    self.assertIn(header, labels)
                    self.assertEqual(len(rows), count)
                    cells = [row[labels.index(header)] for row in rows]
                    self.assertEqual(sorted(c.removeprefix("'") for c in cells), names)

                    labels, rows = read_xlsx(self.download(url, "xlsx"))
                    self.assertIn(header, labels)
                    self.assertEqual(len(rows), count)
                    cells = [row[labels.index(header)].value for row in rows]
                    self.assertEqual(sorted(c.removeprefix("'") for c in cells), names)

                    data = read_json(self.download(url, "json"))
                    self.assertEqual(data["dataset"], dataset)
                    self.assertEqual(data["language"], "zh-hant" if traditional else "zh-hans")
                    self.assertEqual(data["filters"].get("district"), WUCHANG)
                    self.assertEqual(len(data["results"]), count)
                    self.assertEqual(sorted(row[column] for row in data["results"]), names)
                    self.assertIn(header, [c["label"] for c in data["columns"]])

    def test_traditional_downloads_convert_cells_and_headers(self):
        url = self.list_url("organizations", traditional=True) + f"?district={WUCHANG}"
        labels, rows = read_csv(self.download(url, "csv"))
        self.assertIn("組織名稱", labels)
        self.assertNotIn("组织名称", labels)
        names = [row[labels.index("組織名稱")] for row in rows]
        self.assertIn("東亭社區七寶巡邏隊", names)
        self.assertNotIn("东亭社区七宝巡逻队", names)
        labels, rows = read_xlsx(self.download(url, "xlsx"))
        self.assertIn("所在區(縣)", labels)
        self.assertIn("東亭社區七寶巡邏隊", [row[labels.index("組織名稱")].value for row in rows])
        data = read_json(self.download(url, "json"))
        self.assertIn("東亭社區七寶巡邏隊", [row["name"] for row in data["results"]])
        # Identifiers never change script: the filing number is the zh-hans one.
        qibao = self.world["orgs"]["qibao"]
        (row,) = [r for r in data["results"] if r["name"] == "東亭社區七寶巡邏隊"]
        self.assertEqual(row["filing_number"], qibao.filing_number)
        self.assertTrue(row["url"].endswith(twin(qibao).url))

    def test_formula_cells_are_neutralised_in_csv_and_xlsx_not_json(self):
        cases = (
            ("organizations", "name", "组织名称", FORMULA_ORG),
            ("organizations", "leader_name", "负责人", "-王芳"),
            ("funding", "project_title", "项目名称", FORMULA_PROJECT),
            ("funding", "organization", "组织名称", FORMULA_ORG),
            ("evaluations", "evaluator", "评估机构", "+东亭社区评估组"),
        )
        for dataset, name, label, value in cases:
            url = self.list_url(dataset) + f"?district={WUCHANG}"
            with self.subTest(dataset=dataset, column=name):
                labels, rows = read_csv(self.download(url, "csv"))
                cells = [row[labels.index(label)] for row in rows]
                self.assertIn("'" + value, cells)
                self.assertNotIn(value, cells)

                labels, rows = read_xlsx(self.download(url, "xlsx"))
                cells = [row[labels.index(label)] for row in rows]
                (cell,) = [c for c in cells if c.value and c.value.endswith(value)]
                self.assertEqual(cell.data_type, "s")
                self.assertEqual(cell.value, "'" + value)

                data = read_json(self.download(url, "json"))
                self.assertIn(value, [row[name] for row in data["results"]])

    def test_numbers_and_dates_stay_numbers_and_dates_in_xlsx(self):
        url = self.list_url("funding") + f"?district={WUCHANG}"
        labels, rows = read_xlsx(self.download(url, "xlsx"))
        amounts = [row[labels.index("金额（元）")] for row in rows]
        self.assertTrue(all(cell.data_type == "n" for cell in amounts))
        self.assertIn(48000, [cell.value for cell in amounts])
        years = [row[labels.index("年度")].value for row in rows]
        self.assertTrue(all(isinstance(year, int) for year in years))

    def test_unknown_format_shows_the_page(self):
        for dataset in DATASETS:
            for traditional in (False, True):
                url = self.list_url(dataset, traditional)
                with self.subTest(url=url):
                    for query in ("?format=pdf", f"?district={WUCHANG}&format=pdf", "?format="):
                        response = self.client.get(url + query)
                        self.assertEqual(response.status_code, 200)
                        self.assertTrue(response["Content-Type"].startswith("text/html"))
                        self.assertNotIn("Content-Disposition", response)

    def test_download_links_carry_the_filters(self):
        url = self.list_url("funding") + f"?district={WUCHANG}&page=1"
        response = self.client.get(url)
        self.assertContains(response, f"funding/?district={WUCHANG}&amp;format=csv")
        self.assertNotContains(response, "page=1&amp;format=")
