"""RSS and Atom feeds of the notice list and the funding and evaluation tables: well-formed
(feedparser), filtered like their lists, in the reader's script, never an error page, and
announced by the lists in their <head> and subscribe links."""

import datetime
import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import feedparser

from disclosure.factories import (
    EvaluationRecordFactory,
    FundingRecordFactory,
    NoticePageFactory,
)
from disclosure.models import FundingRecord, NoticeOrganization
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase

FLAVOURS = ("rss", "atom")
FEED_VERSIONS = {"rss": "rss20", "atom": "atom10"}
# Wagtail's routing of the page (site, locale, page, restrictions) and the filters' choices,
# then a query for the rows and one for each relation, whatever the number of rows.
MAX_QUERIES = 16
CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


class FeedTestCase(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notices = cls.world["sections"]["notices"]
        cls.disclosure = cls.world["sections"]["disclosure"]

    def feed(self, url, flavour="rss"):
        """`url` (a list's feed path without the flavour) parsed; well-formed and valid."""
        path, _, query = url.partition("?")
        response = self.client.get(f"{path}feed/{flavour}/" + (f"?{query}" if query else ""))
        self.assertEqual(response.status_code, 200, url)
        self.assertTrue(response["Content-Type"].startswith(CONTENT_TYPES[flavour]))
        parsed = feedparser.parse(response.content)
        self.assertEqual(parsed.bozo, 0, f"{url}: {parsed.get('bozo_exception')}")
        self.assertEqual(parsed.version, FEED_VERSIONS[flavour])
        return parsed

    def titles(self, parsed):
        return {entry.title for entry in parsed.entries}


class NoticeFeedTests(FeedTestCase):
    def test_rss_and_atom_list_every_live_notice_with_its_facts(self):
        change = self.world["notices"]["change"]
        for flavour in FLAVOURS:
            with self.subTest(flavour):
                parsed = self.feed(self.notices.url, flavour)
                self.assertEqual(
                    self.titles(parsed), {notice.title for notice in self.world["notices"].values()}
                )
                self.assertEqual(parsed.feed.language, "zh-Hans")
                self.assertIn("社区社会组织公开服务平台", parsed.feed.title)
                self.assertIn(self.notices.title, parsed.feed.title)
                self.assertTrue(parsed.feed.link.endswith("/zh-hans/notices/"))
                (entry,) = [e for e in parsed.entries if e.title == change.title]
                self.assertEqual(entry.link, f"http://testserver{change.url}")
                self.assertEqual(entry.id, f"http://testserver{change.url}")
                self.assertIn("公示期：", entry.summary)
                start = (
                    f"{change.starts_on.year}年{change.starts_on.month}月{change.starts_on.day}日"
                )
                self.assertIn(start, entry.summary)
                self.assertIn("发布单位：武昌区水果湖街道办事处", entry.summary)
                self.assertIn("涉及组织：", entry.summary)
                self.assertIn(
                    f'<a href="http://testserver{self.world["orgs"]["qibao"].url}">东亭社区七宝巡逻队</a>',
                    entry.summary,
                )
                self.assertEqual([tag.term for tag in entry.tags], ["变更公示"])
                self.assertIsNotNone(entry.published_parsed)

    def test_items_carry_the_reference_number(self):
        filing = self.world["notices"]["filing"]
        filing.reference_number = "武水街〔2024〕12号"
        filing.save_revision().publish()
        for page, number in (
            (self.notices, "武水街〔2024〕12号"),
            (twin(self.notices), "武水街〔2024〕12號"),
        ):
            parsed = self.feed(page.url)
            (entry,) = [
                e
                for e in parsed.entries
                if "七宝巡逻队备案" in e.title or "七寶巡邏隊備案" in e.title
            ]
            self.assertIn(
                f"文号：{number}" if page == self.notices else f"文號：{number}", entry.summary
            )

    def test_filters_select_the_items(self):
        notices = self.world["notices"]
        for flavour in FLAVOURS:
            self.assertEqual(
                self.titles(self.feed(self.notices.url + "?kind=change", flavour)),
                {notices["change"].title},
            )
        self.assertEqual(
            self.titles(self.feed(self.notices.url + "?district=420107")), {notices["exit"].title}
        )
        parsed = self.feed(self.notices.url + "?kind=revocation&district=420106")
        self.assertEqual(self.titles(parsed), {notices["revocation"].title})
        self.assertEqual(
            parsed.feed.link, f"http://testserver{self.notices.url}?kind=revocation&district=420106"
        )
        self.assertIn("撤销备案公示", parsed.feed.subtitle)
        self.assertEqual(
            self.titles(self.feed(self.notices.url + "?state=upcoming")), {notices["exit"].title}
        )

    def test_bad_filter_values_are_dropped(self):
        for flavour in FLAVOURS:
            parsed = self.feed(
                self.notices.url + "?kind=x&state=y&district=z&street=%00&year=abc&page=-1",
                flavour,
            )
            self.assertEqual(len(parsed.entries), 4)
            self.assertTrue(parsed.feed.link.endswith("/zh-hans/notices/"))

    def test_an_empty_selection_is_an_empty_feed(self):
        for flavour in FLAVOURS:
            parsed = self.feed(self.notices.url + "?year=1999", flavour)
            self.assertEqual(parsed.entries, [])

    def test_traditional_feed_lists_the_twins(self):
        index = twin(self.notices)
        change = twin(self.world["notices"]["change"])
        for flavour in FLAVOURS:
            with self.subTest(flavour):
                parsed = self.feed(index.url + "?kind=change", flavour)
                self.assertEqual(parsed.feed.language, "zh-Hant")
                self.assertIn("社區社會組織公開服務平臺", parsed.feed.title)
                self.assertTrue(parsed.feed.link.startswith("http://testserver/zh-hant/"))
                (entry,) = parsed.entries
                self.assertEqual(entry.title, change.title)
                self.assertIn("負責人變更", entry.title)
                self.assertEqual(entry.link, f"http://testserver{change.url}")
                self.assertIn("/zh-hant/", entry.link)
                self.assertIn("公示期：", entry.summary)
                self.assertIn("發布單位：武昌區水果湖街道辦事處", entry.summary)
                qibao = twin(self.world["orgs"]["qibao"])
                self.assertIn(
                    f'<a href="http://testserver{qibao.url}">東亭社區七寶巡邏隊</a>', entry.summary
                )
                self.assertEqual([tag.term for tag in entry.tags], ["變更公示"])

    def test_downloads_still_work_beside_the_routes(self):
        response = self.client.get(self.notices.url + "?format=csv&kind=change")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(self.client.get(self.notices.url + "feed/xml/").status_code, 404)

    def test_queries_do_not_grow_with_the_items(self):
        def count(url):
            with CaptureQueriesContext(connection) as queries:
                self.feed(url)
            return len(queries)

        for index in (self.notices, twin(self.notices)):
            before = count(index.url)
            qibao = self.world["orgs"]["qiaomen"]
            for n in range(6):
                notice = NoticePageFactory(
                    parent=self.notices,
                    title=f"关于第{n}批组织备案的公示",
                    slug=f"batch-{n}-{index.locale_id}",
                    starts_on=datetime.date(2024, 3, 1),
                )
                NoticeOrganization.objects.create(notice=notice, organization=qibao)
                notice.save_revision().publish()
            self.assertLessEqual(count(index.url), before, index.url)
            self.assertLessEqual(before, MAX_QUERIES)


class RecordFeedTests(FeedTestCase):
    def test_funding_feed_lists_the_grants_with_amounts(self):
        qibao = self.world["orgs"]["qibao"]
        for flavour in FLAVOURS:
            with self.subTest(flavour):
                parsed = self.feed(self.disclosure.url + "funding/", flavour)
                self.assertEqual(len(parsed.entries), 2)
                self.assertIn("资助记录", parsed.feed.title)
                self.assertTrue(parsed.feed.link.endswith("/zh-hans/disclosure/funding/"))
                (entry,) = [e for e in parsed.entries if "夜间平安巡逻" in e.title]
                self.assertEqual(entry.title, "东亭社区七宝巡逻队：东亭社区夜间平安巡逻项目")
                self.assertEqual(entry.link, f"http://testserver{qibao.url}")
                self.assertTrue(entry.id.startswith("tag:testserver,"))
                self.assertIn("金额（元）：48,000.00", entry.summary)
                self.assertIn(
                    f'组织：<a href="http://testserver{qibao.url}">东亭社区七宝巡逻队</a>',
                    entry.summary,
                )
                self.assertIn("资助方：武昌区民政局", entry.summary)
                self.assertIn("资金来源：政府购买服务", entry.summary)
                self.assertEqual([tag.term for tag in entry.tags], ["政府购买服务"])
                self.assertEqual(len({e.id for e in parsed.entries}), 2)

    def test_funding_feed_filters_and_drops_bad_values(self):
        from core.dates import today

        year = today().year
        parsed = self.feed(
            self.disclosure.url + f"funding/?year={year - 1}&source=venture_philanthropy"
        )
        self.assertEqual(self.titles(parsed), {"青和居社区天天敲门组：独居老人敲门关爱项目"})
        self.assertIn(f"year={year - 1}", parsed.feed.link)
        parsed = self.feed(self.disclosure.url + "funding/?district=420107")
        self.assertEqual(self.titles(parsed), {"青和居社区天天敲门组：独居老人敲门关爱项目"})
        parsed = self.feed(self.disclosure.url + "funding/?district=420107&source=subsidy")
        self.assertEqual(parsed.entries, [])
        for flavour in FLAVOURS:
            parsed = self.feed(
                self.disclosure.url + "funding/?year=abc&source=nope&year_from=1&sort=zz", flavour
            )
            self.assertEqual(len(parsed.entries), 2)

    def test_records_are_newest_first_by_their_last_change(self):
        old = FundingRecord.objects.get(project_title="独居老人敲门关爱项目")
        old.save()  # changed last: first in the feed
        parsed = self.feed(self.disclosure.url + "funding/?sort=amount")
        self.assertEqual(parsed.entries[0].title, "青和居社区天天敲门组：独居老人敲门关爱项目")

    def test_evaluation_feed(self):
        for flavour in FLAVOURS:
            with self.subTest(flavour):
                parsed = self.feed(self.disclosure.url + "evaluations/", flavour)
                self.assertEqual(len(parsed.entries), 5)
                self.assertIn("评估记录", parsed.feed.title)
                titles = self.titles(parsed)
                self.assertIn("东亭社区七宝巡逻队：星级评估 3星", titles)
                self.assertIn("东亭社区七宝巡逻队：满意度测评 96.50分", titles)
                (star,) = [
                    e for e in parsed.entries if e.title == "青和居社区天天敲门组：星级评估 2星"
                ]
                self.assertIn("有效期至：", star.summary)
                self.assertIn("评估类型：星级评估", star.summary)
        parsed = self.feed(self.disclosure.url + "evaluations/?kind=satisfaction")
        (entry,) = parsed.entries
        self.assertIn("东亭社区居民委员会", entry.summary)
        self.assertNotIn("有效期至", entry.summary)
        parsed = self.feed(self.disclosure.url + "evaluations/?star=3&district=420106")
        self.assertEqual(
            self.titles(parsed),
            {"东亭社区七宝巡逻队：星级评估 3星", "水果湖街道社区社会组织联合会：星级评估 3星"},
        )
        parsed = self.feed(self.disclosure.url + "evaluations/?star=9&kind=?&year_to=x")
        self.assertEqual(len(parsed.entries), 5)

    def test_traditional_record_feeds(self):
        index = twin(self.disclosure)
        qibao = twin(self.world["orgs"]["qibao"])
        for flavour in FLAVOURS:
            with self.subTest(flavour):
                parsed = self.feed(index.url + "funding/", flavour)
                self.assertEqual(parsed.feed.language, "zh-Hant")
                self.assertIn("資助記錄", parsed.feed.title)
                (entry,) = [e for e in parsed.entries if "夜間平安巡邏" in e.title]
                self.assertEqual(entry.title, "東亭社區七寶巡邏隊：東亭社區夜間平安巡邏項目")
                self.assertEqual(entry.link, f"http://testserver{qibao.url}")
                self.assertIn("/zh-hant/", entry.link)
                self.assertIn("資助方：武昌區民政局", entry.summary)
                self.assertIn("金額（元）：48,000.00", entry.summary)
                parsed = self.feed(index.url + "evaluations/?kind=satisfaction", flavour)
                (entry,) = parsed.entries
                self.assertIn("東亭社區居民委員會", entry.summary)
                self.assertEqual(entry.link, f"http://testserver{qibao.url}")

    def test_a_record_announced_by_a_notice_links_the_notice(self):
        if not any(f.name == "notice" for f in FundingRecord._meta.get_fields()):
            self.skipTest("records do not carry their notice yet")
        notice = self.world["notices"]["change"]
        FundingRecord.objects.filter(project_title="东亭社区夜间平安巡逻项目").update(notice=notice)
        for index, page in ((self.disclosure, notice), (twin(self.disclosure), twin(notice))):
            parsed = self.feed(index.url + "funding/")
            (entry,) = [e for e in parsed.entries if "48,000.00" in e.summary]
            self.assertEqual(entry.link, f"http://testserver{page.url}")

    def test_queries_do_not_grow_with_the_records(self):
        def count(url):
            with CaptureQueriesContext(connection) as queries:
                self.feed(url)
            return len(queries)

        orgs = list(self.world["orgs"].values())
        for key, factory in (
            ("funding/", FundingRecordFactory),
            ("evaluations/", EvaluationRecordFactory),
        ):
            for index in (self.disclosure, twin(self.disclosure)):
                url = index.url + key + "?district=420106"
                before = count(url)
                for n in range(8):
                    factory(organization=orgs[n % len(orgs)])
                self.assertLessEqual(count(url), before, url)
                self.assertLessEqual(before, MAX_QUERIES)


class FeedAnnouncementTests(FeedTestCase):
    def alternates(self, content):
        return re.findall(
            r'<link rel="alternate" type="(application/[a-z+]+)" title="([^"]*)" href="([^"]+)">',
            content,
        )

    def test_lists_announce_their_feeds_with_their_filters(self):
        for url, feed_path in (
            (self.notices.url + "?kind=filing&district=420106&page=1", self.notices.url),
            (
                self.disclosure.url + "funding/?source=subsidy&year_from=2020",
                self.disclosure.url + "funding/",
            ),
            (
                self.disclosure.url + "evaluations/?star=3&district=420106",
                self.disclosure.url + "evaluations/",
            ),
            # The overview announces the funding table's feed, under its own filters.
            (self.disclosure.url + "?source=subsidy", self.disclosure.url + "funding/"),
            (twin(self.notices).url + "?kind=filing", twin(self.notices).url),
        ):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                head = content.split("</head>")[0]
                links = self.alternates(head)
                self.assertEqual(
                    [content_type for content_type, _title, _href in links],
                    ["application/rss+xml", "application/atom+xml"],
                )
                query = url.partition("?")[2].replace("&page=1", "")
                for (_type, title, href), flavour in zip(links, FLAVOURS, strict=True):
                    self.assertTrue(title.endswith(("(RSS)", "(Atom)")), title)
                    self.assertEqual(html.unescape(href), f"{feed_path}feed/{flavour}/?{query}")
                    self.assertEqual(self.client.get(html.unescape(href)).status_code, 200)
                self.assertIn('<link rel="alternate" type="application/rss+xml"', content)

    def test_visible_subscribe_links(self):
        response = self.client.get(self.notices.url + "?kind=change")
        self.assertContains(response, "订阅：")
        self.assertContains(response, f'<a href="{self.notices.url}feed/rss/?kind=change">RSS</a>')
        self.assertContains(
            response, f'<a href="{self.notices.url}feed/atom/?kind=change">Atom</a>'
        )
        response = self.client.get(self.disclosure.url + "funding/")
        self.assertContains(response, f'<a href="{self.disclosure.url}funding/feed/rss/">RSS</a>')
        response = self.client.get(twin(self.disclosure).url + "evaluations/")
        self.assertContains(response, "訂閱：")
        self.assertContains(
            response, f'<a href="{twin(self.disclosure).url}evaluations/feed/atom/">Atom</a>'
        )
