"""The demo's policy pages cite the offices that issued them (never the sites the texts
were copied from) and keep every part of their text, in both scripts."""

import re
import tempfile
from pathlib import Path

from django.test import TestCase

from demo import content
from demo.loader import DemoLoader
from home.models import StandardPage
from tests.orgs.world import twin
from tests.utils import site_sections

# Sites the seed texts were scraped from (seeds 000 and 004) or re-posted on (002), and
# other document-sharing sites of that kind: none belongs in content readers see.
SCRAPING_SITES = [
    "024文库",
    "文库网",
    "第壹文秘",
    "文秘",
    "1wenmi",
    "武汉职业教育",
    "文档分享",
    "百度文库",
    "道客巴巴",
    "豆丁",
    "原创力",
    "docin",
    "doc88",
    "360doc",
    "转载",
    "上传于",
]


def test_no_scraping_site_is_named_anywhere_in_the_demo_data():
    found = {}
    for path in sorted(content.DATA_DIR.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8").lower()
            names = [name for name in SCRAPING_SITES if name.lower() in text]
            if names:
                found[str(path.relative_to(content.DATA_DIR))] = names
    assert not found, found


def test_policies_cite_their_issuing_office_and_number_from_the_seeds():
    policies = {policy.slug: policy for policy in content.policies()}
    assert len(policies) == 5
    chongqing = policies["chongqing-wushe-liandong"]
    assert (chongqing.issuer, chongqing.reference_number, str(chongqing.issued_on)) == (
        "重庆市民政局",
        "渝民发〔2022〕7号",
        "2022-06-24",
    )
    assert policies["xuancheng-sange-jiaqiang"].issuer == "宣城市民政局"
    assert policies["pingshan-shishi-yijian"].issuer == "深圳市坪山区人民政府办公室"
    # No number in the seeds for these: none is made up.
    for slug in ("shitiao-cuoshi", "xuancheng-sange-jiaqiang", "wuhan-nengli-tisheng"):
        assert policies[slug].reference_number == "", slug
    # The ten measures name no issuing office at all; the page says so.
    shitiao = policies["shitiao-cuoshi"]
    assert shitiao.issuer == "" and shitiao.issued_on is None
    assert "未载明" in shitiao.source


def test_the_text_starts_right_after_the_header():
    text = "title: 测试\nslug: ceshi\nsource: 测试局\n## 第一条 总则\n\n正文。\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "00-ceshi.txt"
        path.write_text(text, encoding="utf-8")
        policy = content.read_policy(path)
    assert policy.source == "测试局"
    assert policy.blocks == [("heading", "第一条 总则"), ("paragraph", "正文。")]


def test_every_policy_keeps_its_opening():
    openings = {
        "shitiao-cuoshi": ("heading", "第一条 强化党建引领"),
        "xuancheng-sange-jiaqiang": ("paragraph", "近年来"),
        "wuhan-nengli-tisheng": ("paragraph", "为认真贯彻落实"),
        "pingshan-shishi-yijian": ("paragraph", "各有关单位"),
        "chongqing-wushe-liandong": ("paragraph", "各区县（自治县）民政局"),
    }
    for policy in content.policies():
        kind, start = openings[policy.slug]
        assert policy.blocks[0][0] == kind, policy.slug
        assert policy.blocks[0][1].startswith(start), (policy.slug, policy.blocks[0])


HEADING = re.compile(r'<h2 class="block-heading">([^<]+)</h2>')


class PolicyPagesTests(TestCase):
    """The policy pages as the demo loader publishes them, read in both scripts."""

    @classmethod
    def setUpTestData(cls):
        loader = DemoLoader(log=lambda *args: None)
        loader.locale = site_sections()["home"].locale
        loader.policies_index = site_sections()["policies"]
        loader.load_policies()
        cls.pages = {
            page.slug: page for page in StandardPage.objects.child_of(loader.policies_index).live()
        }

    def read(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response.content.decode()

    def test_the_ten_measures_open_with_their_first_article(self):
        page = self.pages["shitiao-cuoshi"]
        for shown, first in ((page, "第一条 强化党建引领"), (twin(page), "第一條 強化黨建引領")):
            content = self.read(shown)
            headings = HEADING.findall(content)
            self.assertEqual(headings[0], first)
            self.assertEqual(headings.count(first), 1)
            self.assertEqual(len(headings), 10)

    def test_policy_pages_cite_offices_not_scraping_sites(self):
        self.assertEqual(len(self.pages), 5)
        for page in self.pages.values():
            for shown in (page, twin(page)):
                content = self.read(shown)
                for name in SCRAPING_SITES:
                    self.assertNotIn(name, content, shown.url)
        for shown in (
            self.pages["chongqing-wushe-liandong"],
            twin(self.pages["chongqing-wushe-liandong"]),
        ):
            content = self.read(shown)
            self.assertRegex(content, r"<dd>重慶市民政局|<dd>重庆市民政局")
            self.assertRegex(content, r"<dd>渝民[发發]〔2022〕7[号號]</dd>")
