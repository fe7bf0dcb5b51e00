"""The demo loader builds a realistic site from the policy documents, and only once."""

from django.apps import apps
from django.core.management import call_command
from django.test import TestCase

import pytest

from core.dates import today
from demo.loader import DemoLoader
from disclosure.models import EvaluationRecord, FundingRecord, NoticePage, NoticeState
from home.models import StandardPage
from orgs.models import OrganizationPage
from taxonomy.models import Region


def table_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "home",
            "orgs",
            "disclosure",
            "cases",
            "wagtailcore",
            "wagtailimages",
            "wagtaildocs",
            "taggit",
        }
    }


@pytest.mark.usefixtures("demo_site")  # loaded once for tests/demo (tests/demo/conftest.py)
class DemoLoaderTests(TestCase):
    def test_scale_and_spread(self):
        orgs = OrganizationPage.objects.live()
        self.assertGreaterEqual(orgs.count(), 60)
        districts = {
            org.region.ancestors_and_self()[0].code
            for org in orgs.select_related("region__parent__parent")
        }
        self.assertGreaterEqual(len(districts), 3)
        self.assertEqual(
            set(orgs.values_list("management", flat=True)), {"registered", "filed", "community"}
        )
        self.assertTrue(
            {"active", "exiting", "exited", "revoked"} <= set(orgs.values_list("status", flat=True))
        )

    def test_named_organizations_and_cases_from_the_seeds(self):
        titles = set(OrganizationPage.objects.values_list("title", flat=True))
        self.assertIn("东亭社区七宝巡逻队", titles)
        self.assertIn("青和居社区天天敲门组", titles)
        self.assertTrue(any("社区社会组织联合会" in t for t in titles))
        self.assertTrue(OrganizationPage.objects.filter(members__isnull=False).exists())
        self.assertTrue(
            OrganizationPage.objects.filter(
                region__parent__parent__name="宣州区", tags__name="助餐"
            ).exists()
            or OrganizationPage.objects.filter(
                region__parent__name="宣州区", tags__name="助餐"
            ).exists()
        )
        self.assertTrue(
            FundingRecord.objects.filter(
                round__contains="公益创投", organization__region__parent__parent__name="广德市"
            ).exists()
            or FundingRecord.objects.filter(
                round__contains="公益创投", organization__region__parent__name="广德市"
            ).exists()
        )
        from cases.models import CasePage

        cases = CasePage.objects.live()
        self.assertGreaterEqual(cases.count(), 5)
        self.assertFalse(cases.filter(hero_image__isnull=True).exists())
        self.assertTrue(cases.filter(title__contains="七宝巡逻队").exists())

    def test_every_organization_has_a_filing_notice(self):
        without = OrganizationPage.objects.filter(locale__language_code="zh-hans").exclude(
            notice_links__notice__kind=NoticePage.Kind.FILING
        )
        self.assertFalse(without.exists(), list(without.values_list("title", flat=True)))

    def test_notices_of_every_kind_some_still_open(self):
        kinds = set(NoticePage.objects.values_list("kind", flat=True))
        self.assertTrue({"filing", "change", "exit", "revocation"} <= kinds)
        open_kinds = set(
            NoticePage.objects.in_state(NoticeState.OPEN).values_list("kind", flat=True)
        )
        self.assertTrue({"change", "exit"} <= open_kinds)

    def test_records_cover_every_source_kind_and_both_evaluations(self):
        self.assertEqual(
            set(FundingRecord.objects.values_list("source_kind", flat=True)),
            set(FundingRecord.SourceKind.values),
        )
        self.assertTrue(FundingRecord.objects.filter(year=today().year).exists())
        self.assertEqual(
            set(EvaluationRecord.objects.values_list("kind", flat=True)), {"star", "satisfaction"}
        )
        self.assertEqual(
            set(EvaluationRecord.objects.filter(kind="star").values_list("star_level", flat=True)),
            {1, 2, 3},
        )

    def test_policy_documents_are_pages(self):
        policies = (
            StandardPage.objects.live()
            .filter(url_path__contains="/policies/", locale__language_code="zh-hans")
            .exclude(slug="policies")
        )
        self.assertEqual(policies.count(), 5)
        chongqing = policies.get(title__contains="五社联动")
        self.assertEqual(chongqing.reference_number, "渝民发〔2022〕7号")
        text = str(chongqing.body)
        self.assertNotIn("第壹文秘", text)  # the scraper's site chrome is gone

    def test_everything_validates(self):
        for model in (Region, FundingRecord, EvaluationRecord):
            for instance in model.objects.all():
                instance.full_clean()
        for org in OrganizationPage.objects.all():
            org.full_clean()

    def test_every_page_and_reference_has_a_traditional_twin(self):
        from wagtail.models import Page

        from taxonomy.models import Category

        simplified = Page.objects.filter(depth__gt=1, locale__language_code="zh-hans").live()
        traditional = Page.objects.filter(depth__gt=1, locale__language_code="zh-hant").live()
        self.assertEqual(
            set(simplified.values_list("translation_key", flat=True)),
            set(traditional.values_list("translation_key", flat=True)),
        )
        for model in (Region, Category):
            self.assertEqual(
                model.objects.filter(locale__language_code="zh-hans").count(),
                model.objects.filter(locale__language_code="zh-hant").count(),
            )
        twin = OrganizationPage.objects.get(
            slug="dongting-qibao-patrol", locale__language_code="zh-hant"
        )
        self.assertEqual(twin.title, "東亭社區七寶巡邏隊")
        self.assertEqual(twin.region.name, "東亭社區")
        self.assertEqual(twin.region.locale.language_code, "zh-hant")
        self.assertEqual(twin.url, "/zh-hant/orgs/dongting-qibao-patrol/")

    def test_running_again_changes_nothing(self):
        before = table_counts()
        created = DemoLoader(log=lambda *a: None).run()
        self.assertEqual(created, {})
        self.assertEqual(table_counts(), before)

    def test_command_reports_nothing_to_do(self):
        from io import StringIO

        out = StringIO()
        call_command("load_demo", stdout=out)
        self.assertIn("nothing to do", out.getvalue())

    def test_demo_pages_render(self):
        for url in (
            "/zh-hans/",
            "/zh-hans/orgs/",
            "/zh-hans/notices/",
            "/zh-hans/disclosure/",
            "/zh-hans/cases/",
            "/zh-hans/policies/",
            "/zh-hans/about/",
            OrganizationPage.objects.get(
                title="东亭社区七宝巡逻队", locale__language_code="zh-hans"
            ).url,
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
