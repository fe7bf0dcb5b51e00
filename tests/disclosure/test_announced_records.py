"""A funding or evaluation notice lists the records it announced, and a record table names
each record's notice: in both scripts (records point at the zh-hans notice; a zh-hant
reader gets its twin), with a constant number of queries."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.dates import today
from disclosure.factories import EvaluationRecordFactory, FundingRecordFactory
from disclosure.models import FundingRecord
from tests.core.test_query_budget import PROFILE_BUDGET, TRADITIONAL_ROUTING
from tests.disclosure.announcements import announce, body_rows, section, text_of
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase

# A notice's page: routing and navigation, the records announced (with their
# organizations: one query), the concerned organizations, the attachments and, after its
# period, its objections (one query: disclosure/objections.py), and the corrections of the
# notice and its records (one query: publishing.corrections.with_corrections).
NOTICE_BUDGET = 16


class AnnouncedRecordsTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.funding, cls.evaluation = announce(cls.world)

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response.content.decode()

    def test_a_funding_notice_lists_its_grants_and_total_in_both_scripts(self):
        qibao, qiaomen = self.world["orgs"]["qibao"], self.world["orgs"]["qiaomen"]
        for pick, project, caption in (
            (lambda page: page, "东亭社区夜间平安巡逻项目", "2 笔，合计 78,000.00 元"),
            (twin, "東亭社區夜間平安巡邏項目", "2 筆，合計 78,000.00 元"),
        ):
            with self.subTest(script=caption):
                content = self.get(pick(self.funding))
                announced = section(content, "announced")
                self.assertIn(caption, text_of(announced))
                rows = body_rows(announced)
                self.assertEqual(len(rows), 2, rows)
                self.assertIn(project, rows[0])
                self.assertIn("48,000.00", rows[0])
                # Each organization is linked in the reader's script.
                for organization in (qibao, qiaomen):
                    self.assertIn(f'href="{pick(organization).url}"', announced)
                self.assertIn(pick(qibao).title, rows[0])
                # The notice names itself: no provenance column on its own page.
                self.assertNotIn(pick(self.funding).reference_number, announced)

    def test_an_evaluation_notice_lists_its_results_in_both_scripts(self):
        qibao, qiaomen = self.world["orgs"]["qibao"], self.world["orgs"]["qiaomen"]
        for pick, three_stars in ((lambda page: page, "3星"), (twin, "3星")):
            content = self.get(pick(self.evaluation))
            rows = body_rows(section(content, "announced"))
            # Best results first; the satisfaction survey was not announced here.
            self.assertEqual(len(rows), 2, rows)
            self.assertIn(pick(qibao).title, rows[0])
            self.assertIn(three_stars, rows[0])
            self.assertIn(pick(qiaomen).title, rows[1])
            self.assertIn("2星", rows[1])
            self.assertIn(f'href="{pick(qibao).url}"', content)

    def test_other_notices_list_no_records(self):
        for page in (self.world["notices"]["change"], twin(self.world["notices"]["change"])):
            self.assertEqual(section(self.get(page), "announced"), "")

    def test_a_grant_on_a_profile_links_the_notice_in_the_readers_script(self):
        qibao = self.world["orgs"]["qibao"]
        for pick, issuer, number in (
            (lambda page: page, "武昌区民政局", "武昌民社〔2026〕12号"),
            (twin, "武昌區民政局", "武昌民社〔2026〕12號"),
        ):
            with self.subTest(script=issuer):
                content = self.get(pick(qibao))
                funding = section(content, "funding")
                notice = pick(self.funding)
                self.assertIn(f'<a href="{notice.url}">{issuer} {number}</a>', funding, notice.url)
                self.assertIn(f'datetime="{notice.starts_on:%Y-%m-%d}"', funding)
                other = "zh-hant" if notice.locale.language_code == "zh-hans" else "zh-hans"
                self.assertNotIn(f'href="/{other}/notices/', funding)

    def test_a_grant_without_a_notice_says_so(self):
        FundingRecord.objects.update(notice=None)
        for page in (self.world["orgs"]["qibao"], twin(self.world["orgs"]["qibao"])):
            funding = section(self.get(page), "funding")
            self.assertNotIn("/notices/", funding)
            self.assertIn('<span aria-hidden="true">—</span>', funding)

    def test_a_notice_taken_down_is_no_longer_cited(self):
        self.funding.unpublish()  # and its twin
        for page in (self.world["orgs"]["qibao"], twin(self.world["orgs"]["qibao"])):
            self.assertNotIn("/notices/funding-wuchang/", section(self.get(page), "funding"))

    def test_a_deleted_notice_leaves_its_records(self):
        twin(self.funding).delete()
        self.funding.delete()
        self.assertEqual(FundingRecord.objects.filter(notice__isnull=True).count(), 2)


class NoticePageQueryTests(WorldTestCase):
    """A notice's page and a profile issue as many queries for many records as for few."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.funding, cls.evaluation = announce(cls.world)

    def count_queries(self, url):
        self.client.get(url)  # warm Wagtail's site-root cache, as on a running site
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(context.captured_queries)

    def add_records(self, count):
        orgs = list(self.world["orgs"].values())
        for number in range(count):
            organization = orgs[number % len(orgs)]
            FundingRecordFactory(
                organization=organization, amount=Decimal(1000 + number), notice=self.funding
            )
            EvaluationRecordFactory(
                organization=organization,
                star_level=1 + number % 3,
                evaluated_on=today() - datetime.timedelta(days=30 + number),
                notice=self.evaluation,
            )

    def test_queries_do_not_grow_with_the_records(self):
        qibao = self.world["orgs"]["qibao"]
        pages = [self.funding, self.evaluation, qibao]
        urls = [page.url for page in pages] + [twin(page).url for page in pages]
        few = [self.count_queries(url) for url in urls]
        self.add_records(12)
        many = [self.count_queries(url) for url in urls]
        self.assertEqual(few, many)
        funding, evaluation, profile = many[:3]
        self.assertLessEqual(max(funding, evaluation), NOTICE_BUDGET)
        self.assertLessEqual(profile, PROFILE_BUDGET)
        # zh-hant: Wagtail's routing, then the twins of the concerned organizations, of the
        # records' organizations (a notice) or of the notices (a profile).
        self.assertLessEqual(max(many[3:5]), NOTICE_BUDGET + TRADITIONAL_ROUTING + 2)
