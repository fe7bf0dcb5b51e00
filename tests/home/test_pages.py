import datetime
import json

from django.test import override_settings

from core.dates import today
from home.models import StandardPage
from tests.shared_world import WorldTestCase


class HomePageTests(WorldTestCase):
    def test_open_notices_counts_and_funding_total(self):
        response = self.client.get("/zh-hans/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "关于东亭社区七宝巡逻队负责人变更的公示")  # open
        self.assertNotContains(response, "关于青和居社区广场舞蹈队终止活动的公示")  # upcoming
        self.assertNotContains(response, "关于东亭社区七宝巡逻队备案的公示")  # ended
        # Active organizations: qibao, moxiang, qiaomen, hub.
        self.assertContains(response, '?status=active">4</a> 家')
        self.assertContains(response, '社区事务类</a> <span class="count">3</span>')
        self.assertContains(response, '武昌区</a> <span class="count">3</span>')
        self.assertContains(response, '青山区</a> <span class="count">1</span>')
        # This year's money: only the 48,000 record.
        self.assertContains(response, f"{today().year}年公开资助资金</dt><dd>4.80 万元")

    def test_cached_figures_follow_publishing_and_records(self):
        from decimal import Decimal

        from disclosure.factories import FundingRecordFactory
        from orgs.factories import OrganizationPageFactory

        self.assertContains(self.client.get("/zh-hans/"), '?status=active">4</a> 家')
        new = OrganizationPageFactory(
            parent=self.world["sections"]["orgs"],
            live=False,
            region=self.world["regions"]["qinghe"],
            category=self.world["categories"]["affairs"],
        )
        new.save_revision().publish()
        response = self.client.get("/zh-hans/")
        self.assertContains(response, '?status=active">5</a> 家')
        self.assertContains(response, '青山区</a> <span class="count">2</span>')
        FundingRecordFactory(organization=new, amount=Decimal("2000"), year=today().year)
        self.assertContains(self.client.get("/zh-hans/"), "公开资助资金</dt><dd>5.00 万元")
        new.refresh_from_db()
        new.unpublish()
        self.assertContains(self.client.get("/zh-hans/"), '?status=active">4</a> 家')

    def test_featured_cases_only(self):
        from cases.factories import CasePageFactory

        index = self.world["sections"]["cases"]
        CasePageFactory(parent=index, title="推荐的案例", featured=True)
        CasePageFactory(parent=index, title="未推荐的案例", featured=False)
        response = self.client.get("/zh-hans/")
        self.assertContains(response, "推荐的案例")
        self.assertNotContains(response, "未推荐的案例")


class StandardPageTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        policies = cls.world["sections"]["policies"]
        cls.policy = policies.add_child(
            instance=StandardPage(
                title="武汉市社区社会组织能力提升行动方案",
                slug="wuhan",
                issuer="武汉市民政局",
                issued_on=datetime.date(2023, 9, 28),
                reference_number="武民发〔2023〕1号",
                summary="四项工程。",
                body=json.dumps(
                    [
                        {"type": "heading", "value": "一、总体要求"},
                        {
                            "type": "paragraph",
                            "value": "<p>大力培育公益性、服务性、互助性社区社会组织。</p>",
                        },
                    ]
                ),
            )
        )

    def test_policy_page_shows_document_facts_and_body(self):
        response = self.client.get(self.policy.url)
        self.assertContains(response, "武民发〔2023〕1号")
        self.assertContains(response, "2023年9月28日")
        self.assertContains(response, '<h2 class="block-heading">一、总体要求</h2>', html=True)
        self.assertContains(response, "大力培育公益性")

    def test_policy_index_lists_its_children(self):
        response = self.client.get(self.world["sections"]["policies"].url)
        self.assertContains(response, "武汉市社区社会组织能力提升行动方案")
        self.assertContains(response, "四项工程。")


class SiteWideTests(WorldTestCase):
    def test_root_redirects_by_browser_language(self):
        self.assertRedirects(self.client.get("/"), "/zh-hans/", fetch_redirect_response=False)
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9")
        self.assertEqual(response["Location"], "/zh-hant/")
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertEqual(response["Location"], "/zh-hans/")

    def test_navigation_marks_the_current_section(self):
        response = self.client.get(self.world["orgs"]["qibao"].url)
        self.assertContains(
            response, '<a href="/zh-hans/orgs/" aria-current="true">组织名录</a>', html=True
        )
        self.assertContains(response, '<nav class="breadcrumbs container" aria-label="当前位置">')

    def test_missing_page_is_a_friendly_chinese_404(self):
        response = self.client.get("/zh-hans/orgs/no-such-organization/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "页面不存在", status_code=404)
        self.assertContains(response, "浏览社区社会组织名录", status_code=404)

    @override_settings(DEBUG=False)
    def test_server_error_page_is_chinese_and_needs_no_database(self):
        from django.test import RequestFactory

        from core.views import server_error

        response = server_error(RequestFactory().get("/zh-hans/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn("服务暂时不可用", response.content.decode())

    def test_sitemap_lists_public_pages(self):
        self.assertContains(self.client.get("/sitemap.xml"), "/sitemap-pages.xml")
        response = self.client.get("/sitemap-pages.xml")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/zh-hans/orgs/qibao/")
        self.assertContains(response, "/zh-hans/notices/change-qibao/")

    def test_pages_carry_landmarks_and_language(self):
        response = self.client.get("/zh-hans/")
        content = response.content.decode()
        self.assertIn('<html lang="zh-Hans">', content)
        self.assertIn('<main id="main"', content)
        self.assertIn('<a class="skip-link" href="#main">跳到正文</a>', content)
        self.assertIn('name="viewport"', content)
        self.assertNotRegex(content, r'(src|href)="https?://(?!testserver)')  # nothing from outside
