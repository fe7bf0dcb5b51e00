"""Half-year reports (半年报, docs/archive.md): the half-year rule by date, the report's
validation, the profiles of a hub and a member in both scripts, and the admin's report of
the organizations a hub has not reported for the last completed half-year, each editor
seeing their regions' only."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from orgs.factories import OrganizationPageFactory
from orgs.half_year import HalfYear, last_completed_half_year, missing_reports
from orgs.models import HalfYearReport, HalfYearReportLine, OrganizationPage
from tests.access.world import fresh, member
from tests.orgs.test_profile import section
from tests.orgs.world import twin
from tests.shared_world import ScopedWorldTestCase
from tests.utils import frozen_day

DAY = datetime.date(2026, 11, 30)  # the last completed half-year: 2026 上半年


class HalfYearRuleTests(SimpleTestCase):
    def test_the_last_completed_half_year(self):
        for day, expected in (
            (datetime.date(2026, 11, 30), HalfYear(2026, 1)),
            (datetime.date(2026, 7, 1), HalfYear(2026, 1)),
            (datetime.date(2026, 6, 30), HalfYear(2025, 2)),
            (datetime.date(2026, 1, 1), HalfYear(2025, 2)),
            (datetime.date(2026, 12, 31), HalfYear(2026, 1)),
        ):
            with self.subTest(day):
                self.assertEqual(last_completed_half_year(day), expected)

    def test_a_half_years_days_and_label(self):
        self.assertEqual(HalfYear(2026, 1).ends_on, datetime.date(2026, 6, 30))
        self.assertEqual(HalfYear(2026, 2).starts_on, datetime.date(2026, 7, 1))
        self.assertEqual(HalfYear(2026, 1).previous(), HalfYear(2025, 2))
        self.assertEqual(HalfYear(2025, 2).previous(), HalfYear(2025, 1))


def report(hub, half_year, lines, submitted_on=datetime.date(2026, 7, 10)):
    made = HalfYearReport(
        hub=hub, year=half_year.year, half=half_year.half, submitted_on=submitted_on
    )
    for organization, activities, members, funds in lines:
        made.lines.add(
            HalfYearReportLine(
                organization=organization,
                activities=activities,
                members=members,
                funds_used=Decimal(funds),
            )
        )
    made.save()
    return made


class HalfYearTestCase(ScopedWorldTestCase):
    """The world's 水果湖街道 federation (hub) with its members 七宝巡逻队 and 墨香书画社;
    a second hub in 钢花村街道 (another district) with one member; the federation has
    reported 七宝巡逻队 for 2026 上半年 and both members for 2025 下半年."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world["users"]["zhonghua"] = member("zhonghua-editor", cls.world["groups"]["zhonghua"])
        orgs = cls.world["orgs"]
        cls.hub, cls.qibao, cls.moxiang = orgs["hub"], orgs["qibao"], orgs["moxiang"]
        index = cls.world["sections"]["orgs"]
        qinghe = cls.world["regions"]["qinghe"]
        category = cls.world["categories"]["affairs"]
        cls.other_hub = OrganizationPageFactory(
            parent=index,
            title="钢花村街道社区社会组织联合会",
            slug="ganghua-hub",
            region=cls.world["regions"]["ganghua"],
            category=category,
        )
        cls.other_member = OrganizationPageFactory(
            parent=index,
            title="青和居社区楼栋议事会",
            slug="qinghe-council",
            region=qinghe,
            category=category,
            hub=cls.other_hub,
        )
        report(cls.hub, HalfYear(2025, 2), [(cls.qibao, 20, 7, "3200"), (cls.moxiang, 9, 24, "0")])
        cls.latest = report(cls.hub, HalfYear(2026, 1), [(cls.qibao, 25, 8, "4100.50")])

    def login(self, who):
        self.client.force_login(fresh(self.world["users"][who]))


class ValidationTests(HalfYearTestCase):
    def test_a_half_year_not_yet_begun_is_refused(self):
        with frozen_day(datetime.date(2026, 5, 10)):
            future = HalfYearReport(
                hub=self.other_hub, year=2026, half=2, submitted_on=datetime.date(2026, 5, 10)
            )
            with self.assertRaises(ValidationError) as refused:
                future.full_clean()
            self.assertEqual(refused.exception.message_dict["half"], ["不能报送尚未开始的半年。"])
            future.half = 1  # the half-year in progress may be reported
            future.full_clean()

    def test_one_report_per_hub_and_half_year(self):
        with frozen_day(DAY):
            again = HalfYearReport(hub=self.hub, year=2026, half=1, submitted_on=DAY)
            with self.assertRaises(ValidationError) as refused:
                again.full_clean()
        self.assertIn("该枢纽型组织这半年已经报送过台账", str(refused.exception))

    def test_numbers_are_not_negative(self):
        line = HalfYearReportLine(
            report=self.latest,
            organization=self.moxiang,
            activities=-1,
            members=3,
            funds_used=Decimal("-5"),
        )
        with self.assertRaises(ValidationError) as refused:
            line.full_clean()
        self.assertIn("activities", refused.exception.message_dict)
        self.assertEqual(refused.exception.message_dict["funds_used"], ["使用资金不能为负数。"])

    def post(self, hub, lines, year=2025, half=1):
        data = nested_form_data(
            {
                "hub": hub.pk,
                "year": year,
                "half": half,
                "submitted_on": "2025-07-08",
                "lines": inline_formset(
                    [
                        {"organization": org.pk, "activities": a, "members": m, "funds_used": f}
                        for org, a, m, f in lines
                    ]
                ),
            }
        )
        with frozen_day(DAY):
            return self.client.post(reverse("wagtailsnippets_orgs_halfyearreport:add"), data)

    def test_each_line_is_a_member_of_the_hub_once(self):
        self.login("shuiguohu")
        response = self.post(
            self.hub,
            [(self.qibao, 3, 7, "10"), (self.hub, 1, 1, "0"), (self.qibao, 1, 1, "1")],
        )
        self.assertEqual(response.status_code, 200)
        lines = response.context["form"].formsets["lines"].forms
        self.assertEqual(lines[0].errors, {})
        self.assertEqual(
            lines[1].errors["organization"],
            ["“水果湖街道社区社会组织联合会”不是“水果湖街道社区社会组织联合会”的成员组织。"],
        )
        self.assertEqual(lines[2].errors["__all__"], ["请修正重复的数据."])
        self.assertFalse(HalfYearReport.objects.filter(year=2025, half=1).exists())

    def test_another_hubs_member_is_refused(self):
        self.login("shuiguohu")
        yangsheng = self.world["orgs"]["yangsheng"]
        response = self.post(self.hub, [(yangsheng, 1, 1, "0")])
        self.assertEqual(response.status_code, 200)
        self.assertIn("organization", response.context["form"].formsets["lines"].forms[0].errors)
        self.assertFalse(HalfYearReport.objects.filter(year=2025, half=1).exists())

    def test_a_street_editor_files_their_hubs_report_only(self):
        self.login("zhonghua")
        response = self.post(self.hub, [(self.qibao, 3, 7, "10")])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不在您负责的区域内")
        self.login("shuiguohu")
        response = self.post(self.hub, [(self.qibao, 3, 7, "10"), (self.moxiang, 0, 20, "0")])
        self.assertEqual(response.status_code, 302)
        filed = HalfYearReport.objects.get(hub=self.hub, year=2025, half=1)
        self.assertEqual(filed.lines.count(), 2)


class ProfileTests(HalfYearTestCase):
    def test_a_member_shows_its_latest_line_in_both_scripts(self):
        for page, heading in ((self.qibao, "半年台账"), (twin(self.qibao), "半年臺賬")):
            with self.subTest(page.url):
                content = section(self.client.get(page.url).content.decode(), "half-year")
                self.assertIn(heading, content)
                self.assertIn("2026年上半年", content)
                self.assertIn("4,100.50", content)
                self.assertIn("<dd>25</dd>", content)
                self.assertNotIn("3,200.00", content)

    def test_a_member_not_in_the_latest_report_shows_its_own_latest(self):
        content = section(self.client.get(self.moxiang.url).content.decode(), "half-year")
        self.assertIn("2025年下半年", content)

    def test_a_hub_shows_its_latest_report_in_both_scripts(self):
        for page, title in (
            (self.hub, "东亭社区七宝巡逻队"),
            (twin(self.hub), "東亭社區七寶巡邏隊"),
        ):
            with self.subTest(page.url):
                content = section(self.client.get(page.url).content.decode(), "half-year")
                self.assertIn(title, content)
                self.assertIn(
                    twin(self.qibao).url
                    if page.locale_id != self.hub.locale_id
                    else self.qibao.url,
                    content,
                )
                self.assertIn("4,100.50", content)
                self.assertNotIn("茶港社区墨香书画社", content)

    def test_an_organization_without_reports_has_no_such_section(self):
        content = self.client.get(self.world["orgs"]["yangsheng"].url).content.decode()
        self.assertNotIn('aria-labelledby="half-year"', content)


class MissingReportsTests(HalfYearTestCase):
    url = reverse("orgs_missing_half_year_reports")

    def test_the_function_for_the_dashboard(self):
        half_year = last_completed_half_year(DAY)
        everywhere = list(missing_reports(None, half_year))
        self.assertEqual(everywhere, [self.moxiang, self.other_member])
        self.assertEqual(list(missing_reports(("420106001",), half_year)), [self.moxiang])
        user = fresh(self.world["users"]["shuiguohu"])
        self.assertEqual(list(missing_reports(user, half_year)), [self.moxiang])
        self.assertEqual(list(missing_reports(user, HalfYear(2025, 2))), [])
        # Only active organizations: one that has ended is not expected to report.
        OrganizationPage.objects.filter(pk=self.moxiang.pk).update(status="exited")
        self.assertEqual(list(missing_reports(user, half_year)), [])

    def test_the_bureau_sees_every_region(self):
        self.login("bureau")
        with frozen_day(DAY):
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "未报送2026年上半年台账的组织")
        self.assertContains(response, "茶港社区墨香书画社")
        self.assertContains(response, "青和居社区楼栋议事会")
        self.assertContains(response, "钢花村街道社区社会组织联合会")
        self.assertNotContains(response, "东亭社区七宝巡逻队")

    def test_a_street_editor_sees_their_street(self):
        self.login("shuiguohu")
        with frozen_day(DAY):
            response = self.client.get(self.url)
        self.assertContains(response, "茶港社区墨香书画社")
        self.assertContains(response, "水果湖街道")
        self.assertNotContains(response, "青和居社区楼栋议事会")

    def test_the_dashboard_panel(self):
        """The admin's dashboard lists the editor's missing reports (docs/editors.md)."""
        self.login("shuiguohu")
        with frozen_day(DAY):
            content = self.client.get(reverse("wagtailadmin_home")).content.decode()
        section = content[content.index('id="dashboard-missinghalfyearreportspanel-section"') :]
        section = section[: section.index("</section>")]
        self.assertIn("未报送2026年上半年半年报的组织", section)
        self.assertIn("茶港社区墨香书画社", section)
        self.assertIn("所属枢纽型组织：水果湖街道社区社会组织联合会", section)
        self.assertNotIn("青和居社区楼栋议事会", section)  # another street's
        self.assertNotIn("东亭社区七宝巡逻队", section)  # reported

    def test_the_date_decides_the_half_year(self):
        self.login("bureau")
        with frozen_day(datetime.date(2026, 6, 30)):  # the last completed: 2025 下半年
            response = self.client.get(self.url)
        self.assertContains(response, "未报送2025年下半年台账的组织")
        self.assertNotContains(response, "茶港社区墨香书画社")
        self.assertContains(response, "青和居社区楼栋议事会")

    def test_csv_export(self):
        self.login("shuiguohu")
        with frozen_day(DAY):
            response = self.client.get(self.url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        self.assertEqual(rows[0], "组织名称,枢纽型组织,街道,区,备案日期")
        self.assertEqual(
            rows[1].split(",")[:4],
            ["茶港社区墨香书画社", "水果湖街道社区社会组织联合会", "水果湖街道", "武昌区"],
        )
        self.assertEqual(len(rows), 2)

    def test_who_may_see_it(self):
        anonymous = self.client.get(self.url)
        self.assertEqual(anonymous.status_code, 302)
        nobody = member("no-rights", is_staff=False)
        self.client.force_login(nobody)
        self.assertIn(self.client.get(self.url).status_code, (302, 403))
