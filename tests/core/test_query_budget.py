"""The directory and profile pages must not issue one query per listed item."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from core.dates import today
from disclosure.factories import EvaluationRecordFactory, FundingRecordFactory, NoticePageFactory
from disclosure.models import NoticeOrganization
from orgs.factories import OrganizationPageFactory
from tests.utils import categories, region_tree, site_sections
from translation.sync import sync_site

# 17: one is the organizations whose status the calendar has moved on since
# advance_lifecycle last ran (orgs/lifecycle.py, pending_statuses), whatever the page size.
DIRECTORY_BUDGET = 17
# Wagtail's routing finds the zh-hant home page by its translation_key: one query more.
TRADITIONAL_ROUTING = 1
# The profile's 24, one for the corrections of the organization and its records, one for
# its archive's public documents, one for its latest half-year report (docs/archive.md),
# and for a hub's member (tests/disclosure/test_announced_records.py: 七宝巡逻队) two
# more for its line in its hub's latest report. Issue 11 cuts these.
PROFILE_BUDGET = 29
# The site, its root pages, the count, the pages listed and their twins, and the view
# restrictions that Wagtail's public() reads for each of the two lists.
SITEMAP_BUDGET = 7


def add_organizations(index, regions, cats, count, start=0):
    orgs = []
    for number in range(start, start + count):
        org = OrganizationPageFactory(
            parent=index,
            title=f"预算测试组织{number:03d}",
            region=regions["dongting"],
            category=cats["affairs"],
        )
        EvaluationRecordFactory(
            organization=org,
            star_level=1 + number % 3,
            evaluated_on=today() - datetime.timedelta(days=30),
        )
        orgs.append(org)
    return orgs


class QueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sections = site_sections()
        cls.regions = region_tree()
        cls.cats = categories()

    def count_queries(self, url):
        self.client.get(url)  # warm Wagtail's site-root cache, as on a running site
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(context.captured_queries)

    def test_directory_queries_do_not_grow_with_the_page(self):
        index = self.sections["orgs"]
        # Both scripts: zh-hant cards find their ratings through the zh-hans source.
        urls = [
            page.url + "?district=420106&sort=star"
            for page in (index, index.get_translation(Locale.objects.get(language_code="zh-hant")))
        ]
        add_organizations(index, self.regions, self.cats, 3)
        sync_site(only_missing=True)
        few = [self.count_queries(url) for url in urls]
        add_organizations(index, self.regions, self.cats, 17, start=3)
        sync_site(only_missing=True)
        many = [self.count_queries(url) for url in urls]
        self.assertEqual(few, many)
        self.assertLessEqual(many[0], DIRECTORY_BUDGET)
        self.assertLessEqual(many[1], DIRECTORY_BUDGET + TRADITIONAL_ROUTING)

    def test_profile_queries_do_not_grow_with_its_history(self):
        index = self.sections["orgs"]
        org, hub = add_organizations(index, self.regions, self.cats, 2)
        org.hub = hub
        org.save_revision().publish()

        def add_history(count, start):
            for number in range(start, start + count):
                notice = NoticePageFactory(parent=self.sections["notices"], title=f"公示{number}")
                NoticeOrganization.objects.create(notice=notice, organization=org)
                FundingRecordFactory(organization=org, amount=Decimal(1000 + number))
                EvaluationRecordFactory(
                    organization=org, kind="satisfaction", star_level=None, score=Decimal(90)
                )
                member = OrganizationPageFactory(parent=index, title=f"成员组织{number}", hub=org)
                member.tags.add(f"标签{number}")

        add_history(1, 0)
        org.tags.add("治安巡逻")
        org.save_revision().publish()
        few = self.count_queries(org.url)
        add_history(9, 1)
        many = self.count_queries(org.url)
        self.assertEqual(few, many)
        self.assertLessEqual(many, PROFILE_BUDGET)

    def test_notice_list_and_home_stay_small(self):
        org = add_organizations(self.sections["orgs"], self.regions, self.cats, 1)[0]
        for _ in range(12):
            notice = NoticePageFactory(
                parent=self.sections["notices"], starts_on=today(), ends_on=today()
            )
            NoticeOrganization.objects.create(notice=notice, organization=org)
        self.assertLessEqual(self.count_queries(self.sections["notices"].url), DIRECTORY_BUDGET)
        self.assertLessEqual(self.count_queries("/zh-hans/"), DIRECTORY_BUDGET)

    def test_sitemap_queries_do_not_grow_with_the_urls_listed(self):
        """Each page's twin is its hreflang alternate: the twins of a whole sitemap page
        come in one query, not one per URL."""
        index = self.sections["orgs"]
        url = "/sitemap-pages.xml"

        def listed():
            return self.client.get(url).content.decode().count("<url>")

        add_organizations(index, self.regions, self.cats, 2)
        sync_site(only_missing=True)
        few, few_urls = self.count_queries(url), listed()
        add_organizations(index, self.regions, self.cats, 10, start=2)
        sync_site(only_missing=True)
        many, many_urls = self.count_queries(url), listed()
        self.assertEqual(many_urls, few_urls + 20)  # ten more organizations, in two scripts
        self.assertEqual(few, many)
        self.assertLessEqual(many, SITEMAP_BUDGET)
