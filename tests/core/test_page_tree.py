from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cases.models import CaseIndexPage, CasePage
from disclosure.models import DisclosureIndexPage, NoticeIndexPage, NoticePage
from home.models import HomePage, StandardPage
from orgs.models import OrganizationIndexPage, OrganizationPage
from tests.utils import site_sections


class PageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sections = site_sections()

    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                OrganizationIndexPage,
                NoticeIndexPage,
                DisclosureIndexPage,
                CaseIndexPage,
                StandardPage,
            },
        )

    def test_each_index_holds_only_its_detail_pages(self):
        self.assertAllowedSubpageTypes(OrganizationIndexPage, {OrganizationPage})
        self.assertAllowedSubpageTypes(NoticeIndexPage, {NoticePage})
        self.assertAllowedSubpageTypes(CaseIndexPage, {CasePage})
        self.assertAllowedSubpageTypes(DisclosureIndexPage, set())

    def test_detail_pages_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(OrganizationPage, {OrganizationIndexPage})
        self.assertAllowedParentPageTypes(NoticePage, {NoticeIndexPage})
        self.assertAllowedParentPageTypes(CasePage, {CaseIndexPage})
        for leaf in (OrganizationPage, NoticePage, CasePage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_policies_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_one_index_of_each_kind_per_home(self):
        home = self.sections["home"]
        for index_type in (
            OrganizationIndexPage,
            NoticeIndexPage,
            DisclosureIndexPage,
            CaseIndexPage,
        ):
            self.assertCanCreateAt(HomePage, index_type)
            self.assertFalse(index_type.can_create_at(home), f"a second {index_type.__name__}")
        self.assertTrue(StandardPage.can_create_at(home))
        self.assertCanCreateAt(OrganizationIndexPage, OrganizationPage)

    def test_site_structure_urls(self):
        urls = {slug: page.url for slug, page in self.sections.items()}
        assert urls["home"] == "/zh-hans/"
        assert urls["orgs"] == "/zh-hans/orgs/"
        assert urls["notices"] == "/zh-hans/notices/"
        assert urls["disclosure"] == "/zh-hans/disclosure/"
        assert urls["cases"] == "/zh-hans/cases/"

    def test_site_structure_is_idempotent(self):
        before = Page.objects.count()
        site_sections()
        assert Page.objects.count() == before
