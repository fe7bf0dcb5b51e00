"""Item: a failed first save leaves nothing that blocks the retry.

A street editor (not a superuser) creates and publishes an organization through the
admin. Publishing also writes its zh-hant twin (the sync runs inside the publish). When
the twin could not be saved, the zh-hans page had already been saved and published: the
editor got an error page, and the retry was refused with "备案编号 … 已被“<the
organization itself>”使用". These tests drive the real create, edit and delete views."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.signals import page_published
from wagtail.test.utils.form_data import rich_text

from orgs.models import OrganizationPage
from tests.orgs.world import EditorTestCase, organization_form

FILING_NUMBER = "武昌水备字〔2026〕第17号"


class FailedFirstSaveTests(EditorTestCase):
    def setUp(self):
        super().setUp()
        # See what the editor sees: an error page, not an exception in the test.
        self.client.raise_request_exception = False

    def form_data(self, title="东亭社区邻里互助队", filing_number=FILING_NUMBER, **overrides):
        fields = {"description": rich_text("<p>为独居老人提供邻里互助。</p>"), **overrides}
        return organization_form(self.world, title=title, filing_number=filing_number, **fields)

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )

    def create(self, title="东亭社区邻里互助队", filing_number=FILING_NUMBER):
        data = self.form_data(title, filing_number)
        data["action-publish"] = "1"
        return self.client.post(self.add_url(), data)

    def pages_titled(self, *titles):
        return list(
            Page.objects.filter(title__in=titles).values_list("locale__language_code", "live")
        )

    def assert_created_with_twin(self, response, title="东亭社区邻里互助队"):
        self.assertEqual(response.status_code, 302, response.content.decode()[-1500:])
        source = OrganizationPage.objects.get(title=title, locale__language_code="zh-hans")
        twin = OrganizationPage.objects.get(
            translation_key=source.translation_key, locale__language_code="zh-hant"
        )
        self.assertTrue(source.live)
        self.assertTrue(twin.live)
        self.assertEqual(twin.slug, source.slug)
        return source

    def test_an_organization_deleted_by_mistake_can_be_created_again(self):
        first = self.assert_created_with_twin(self.create())
        deleted = self.client.post(reverse("wagtailadmin_pages:delete", args=[first.pk]))
        self.assertEqual(deleted.status_code, 302)
        # Deleting in the admin takes the zh-hant twin with it: nothing is left behind.
        self.assertEqual(self.pages_titled("东亭社区邻里互助队", "東亭社區鄰里互助隊"), [])

        self.assert_created_with_twin(self.create())

    def test_a_twin_left_by_an_earlier_deletion_does_not_block_creating_it_again(self):
        # Deleted outside the admin (or before the admin took twins along): the zh-hant
        # twin stays, unpublished, with the same filing number.
        first = self.assert_created_with_twin(self.create())
        first.delete()
        self.assertEqual(self.pages_titled("東亭社區鄰里互助隊"), [("zh-hant", False)])

        # The leftover still holds the slug in the zh-hant tree: the new page gets one that
        # is free in both trees, so its twin keeps it.
        again = self.assert_created_with_twin(self.create())
        self.assertEqual(again.slug, "dongtingshequ-linlihuzhu-dui-2")

    def test_a_number_taken_in_the_other_script_is_refused_before_anything_is_saved(self):
        # 七宝巡逻队's number typed with traditional characters: different text in zh-hans,
        # the same as 七宝巡逻队's twin's number in zh-hant, where the twin would collide.
        qibao = self.world["orgs"]["qibao"]
        typed = qibao.filing_number.replace("备", "備").replace("测", "測").replace("号", "號")
        self.assertNotEqual(typed, qibao.filing_number)

        refused = self.create(filing_number=typed)
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "只有简繁写法不同")
        self.assertContains(refused, "东亭社区七宝巡逻队")
        self.assertEqual(self.pages_titled("东亭社区邻里互助队", "東亭社區鄰里互助隊"), [])

        self.assert_created_with_twin(self.create())

    def test_a_draft_left_by_a_failed_first_attempt_does_not_block_the_retry(self):
        # What the browser does: Wagtail autosaves the create form in the background as
        # soon as it validates for a draft (required fields deferred), which creates the
        # page as a draft; the form then posts to that page's edit view.
        autosaved = self.client.post(
            self.add_url(), self.form_data(leader_name=""), HTTP_ACCEPT="application/json"
        )
        self.assertEqual(autosaved.status_code, 200, autosaved.content)
        draft = OrganizationPage.objects.get(title="东亭社区邻里互助队")
        self.assertFalse(draft.live)
        # The editor's publish fails validation (no leader yet)...
        data = self.form_data(leader_name="")
        data["action-publish"] = "1"
        failed = self.client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
        self.assertEqual(failed.status_code, 200)
        self.assertContains(failed, "error-message")
        # ...and they start again from 添加子页面: the draft of the first attempt must not
        # be taken for another organization holding the filing number.
        retry = self.create()
        self.assertNotContains(retry, "已被", status_code=retry.status_code)
        self.assertEqual(retry.status_code, 302)
        live = OrganizationPage.objects.live().get(
            title="东亭社区邻里互助队", locale__language_code="zh-hans"
        )
        self.assertNotEqual(live.pk, draft.pk)
        self.assertTrue(
            OrganizationPage.objects.live()
            .filter(translation_key=live.translation_key, locale__language_code="zh-hant")
            .exists()
        )
        # The abandoned draft cannot be published over it later.
        data = self.form_data()
        data["action-publish"] = "1"
        refused = self.client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
        self.assertContains(refused, f"备案编号 {FILING_NUMBER} 已被“东亭社区邻里互助队”使用。")
        draft.refresh_from_db()
        self.assertFalse(draft.live)

    def test_a_publish_that_fails_half_way_leaves_nothing_and_the_retry_succeeds(self):
        # The zh-hant sync (or anything else in the publish) failing after the zh-hans page
        # was written: here a receiver of page_published that fails once.
        def twin_cannot_be_saved(sender, instance, **kwargs):
            page_published.disconnect(twin_cannot_be_saved)
            raise RuntimeError("the zh-hant twin could not be saved")

        page_published.connect(twin_cannot_be_saved)
        self.addCleanup(page_published.disconnect, twin_cannot_be_saved)

        failed = self.create()
        self.assertEqual(failed.status_code, 500)
        self.assertEqual(self.pages_titled("东亭社区邻里互助队", "東亭社區鄰里互助隊"), [])

        self.assert_created_with_twin(self.create())
