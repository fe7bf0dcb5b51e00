"""Half-year reports are region-scoped snippets (docs/archive.md): every admin URL of a
report, enumerated from the URL configuration, refuses another street's report, and the
listing and the chooser show the street's own."""

import datetime
from decimal import Decimal

from django.urls import reverse

from orgs.models import HalfYearReport, HalfYearReportLine, OrganizationPage
from tests.access.admin_urls import admin_patterns
from tests.access.test_listings_and_records import AJAX, ScopedTestCase


def filed(hub, member):
    report = HalfYearReport(hub=hub, year=2025, half=2, submitted_on=datetime.date(2026, 1, 9))
    report.lines.add(
        HalfYearReportLine(organization=member, activities=3, members=5, funds_used=Decimal(0))
    )
    report.save()
    return report


class HalfYearReportViewsTests(ScopedTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        orgs = cls.world["orgs"]
        # 钢花村街道: 天天敲门组 serves as the hub of 广场舞蹈队.
        OrganizationPage.objects.filter(pk=orgs["wudao"].pk).update(hub=orgs["qiaomen"])
        cls.own = filed(orgs["hub"], orgs["qibao"])
        cls.other = filed(orgs["qiaomen"], OrganizationPage.objects.get(pk=orgs["wudao"].pk))

    def setUp(self):
        self.login()

    def test_another_streets_report_is_refused_by_every_view_and_ones_own_answers(self):
        names = [
            name
            for name, params, _route in admin_patterns()
            if "pk" in params and "_orgs_halfyearreport:" in name
        ]
        self.assertGreaterEqual(len(names), 6, names)
        for name in names:
            with self.subTest(view=name):
                url = reverse(name, kwargs={"pk": self.other.pk})
                answers = {
                    method: getattr(self.client, method)(url, follow=True, **AJAX).status_code
                    for method in ("get", "post")
                }
                self.assertTrue(set(answers.values()) <= {403, 404, 405}, answers)
                self.assertTrue({403, 404} & set(answers.values()), answers)
                response = self.client.get(reverse(name, kwargs={"pk": self.own.pk}), **AJAX)
                self.assertEqual(response.status_code, 200, name)
        self.assertTrue(HalfYearReport.objects.filter(pk=self.other.pk).exists())

    def test_the_listing_and_the_chooser_show_the_streets_reports(self):
        for name in (
            "wagtailsnippets_orgs_halfyearreport:list_results",
            "wagtailsnippetchoosers_orgs_halfyearreport:choose_results",
        ):
            with self.subTest(name):
                self.assert_lists(
                    self.client.get(reverse(name)),
                    ("水果湖街道社区社会组织联合会",),
                    ("青和居社区天天敲门组",),
                )
