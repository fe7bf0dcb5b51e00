"""Editors' side: every page type and record list opens in the admin, in Chinese, and
bad input comes back as a form error rather than a crash."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from disclosure.factories import FundingRecordFactory
from orgs.factories import credit_code
from orgs.models import OrganizationPage
from tests.orgs.world import organization_form
from tests.shared_world import WorldTestCase


class AdminTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def test_edit_views_open_for_every_page_type(self):
        pages = [
            *self.world["sections"].values(),
            self.world["orgs"]["qibao"],
            self.world["notices"]["change"],
        ]
        for page in pages:
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, page)

    def test_organization_form_is_in_chinese(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.world["orgs"]["qibao"].pk])
        )
        for label in (
            "统一社会信用代码",
            "备案编号",
            "管理方式",
            "所在区域",
            "枢纽型组织",
            "服务领域",
            "章程",
        ):
            self.assertContains(response, label)

    def test_record_and_reference_lists_open(self):
        for model in (
            "taxonomy/region",
            "taxonomy/category",
            "disclosure/fundingrecord",
            "disclosure/evaluationrecord",
        ):
            app, name = model.split("/")
            for view in ("list", "add"):
                url = reverse(f"wagtailsnippets_{app}_{name}:{view}")
                self.assertEqual(self.client.get(url).status_code, 200, url)

    # wagtail-localize's report paginates an unordered queryset (its own warning).
    @pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
    def test_filtered_admin_screens_open(self):
        """Reports, histories and media listings filter with django-filter, which is a
        library here and not an installed app: Wagtail draws the filter widgets."""
        qibao = self.world["orgs"]["qibao"]
        urls = [
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:aging_pages"),
            reverse("wagtailadmin_reports:locked_pages"),
            reverse("wagtailadmin_pages:history", args=[qibao.pk]),
            reverse("wagtailadmin_explore", args=[qibao.get_parent().pk]),
            reverse("wagtailimages:index"),
            reverse("wagtaildocs:index"),
            reverse("wagtail_localize:translations_report"),
        ]
        for url in urls:
            response = self.client.get(url, {"timestamp_after": "2024-01-01"})
            self.assertEqual(response.status_code, 200, url)

    def org_form(self, **overrides):
        fields = {
            "title": "新成立的测试组织",
            "slug": "new-test-org",
            "management": "registered",
            "credit_code": "52420106MJ00000010",
            "filing_number": "",
            "founded_on": "2024-01-01",
            "filed_on": "2024-02-01",
            "leader_name": "周敏",
            "member_count": "5",
            "volunteer_count": "10",
            **overrides,
        }
        return organization_form(self.world, **fields)

    def test_bad_credit_code_is_a_form_error_in_chinese(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        response = self.client.post(url, self.org_form(credit_code="52420106MJ00000010"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "校验位不正确")
        self.assertFalse(OrganizationPage.objects.filter(slug="new-test-org").exists())

    def test_good_organization_is_created(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        response = self.client.post(url, self.org_form(credit_code=credit_code(99)))
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertTrue(
            OrganizationPage.objects.filter(
                slug="new-test-org", credit_code=credit_code(99)
            ).exists()
        )

    def test_negative_funding_amount_is_refused_by_the_record_form(self):
        url = reverse("wagtailsnippets_disclosure_fundingrecord:add")
        response = self.client.post(
            url,
            {
                "organization": self.world["orgs"]["qibao"].pk,
                "project_title": "测试项目",
                "source_kind": "subsidy",
                "funder": "测试街道",
                "amount": "-5",
                "year": "2026",
                "awarded_on": "",
                "round": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "金额不能为负数。")

    def test_deleting_an_organization_with_public_money_is_refused_not_crashed(self):
        org = self.world["orgs"]["qiaomen"]
        FundingRecordFactory(organization=org)
        url = reverse("wagtailadmin_pages:delete", args=[org.pk])
        confirm = self.client.get(url)
        self.assertContains(confirm, "prevent it from being deleted")  # Wagtail's own wording
        refused = self.client.post(url)
        self.assertEqual(refused.status_code, 302)  # to the dashboard, with "no permission"
        self.assertTrue(OrganizationPage.objects.filter(pk=org.pk).exists())


def test_old_admin_addresses_of_regions_and_categories_redirect(admin_client):
    response = admin_client.get("/admin/snippets/orgs/region/", {"q": "武昌"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/snippets/taxonomy/region/?q=%E6%AD%A6%E6%98%8C"
    assert admin_client.get(response["Location"]).status_code == 200
