"""The demo's policy pages cite the offices that issued them (never the sites the texts
were copied from) and keep every part of their text, in both scripts."""

import re
import tempfile
from pathlib import Path

import pytest

from demo import content
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


@pytest.fixture
def policies(demo_site):
    """The policy pages as the demo loader publishes them (tests/demo/conftest.py)."""
    index = site_sections()["policies"]
    return {page.slug: page for page in StandardPage.objects.child_of(index).live()}


def read(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.mark.django_db
def test_the_ten_measures_open_with_their_first_article(client, policies):
    page = policies["shitiao-cuoshi"]
    for shown, first in ((page, "第一条 强化党建引领"), (twin(page), "第一條 強化黨建引領")):
        headings = HEADING.findall(read(client, shown))
        assert headings[0] == first
        assert headings.count(first) == 1
        assert len(headings) == 10


@pytest.mark.django_db
def test_policy_pages_cite_offices_not_scraping_sites(client, policies):
    assert len(policies) == 5
    for page in policies.values():
        for shown in (page, twin(page)):
            content = read(client, shown)
            for name in SCRAPING_SITES:
                assert name not in content, shown.url
    for shown in (policies["chongqing-wushe-liandong"], twin(policies["chongqing-wushe-liandong"])):
        content = read(client, shown)
        assert re.search(r"<dd>重慶市民政局|<dd>重庆市民政局", content)
        assert re.search(r"<dd>渝民[发發]〔2022〕7[号號]</dd>", content)
