"""Objections in the admin: a street editor (not a superuser) with the model's change
permission lists them by notice and by status, reads the content and the contact, and
records an outcome, which the notice's page shows after its period; what the reader sent
cannot be changed, and nobody adds an objection in the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from disclosure.models import Objection
from tests.disclosure.objection_helpers import after
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase
from tests.utils import editor_user

CONTENT = "负责人变更未经成员大会表决，请核实。"


class ObjectionAdminTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = cls.world["notices"]["change"]
        cls.editor = editor_user(cls.world["sections"]["home"])
        group = cls.editor.groups.get()
        group.permissions.add(Permission.objects.get(codename="change_objection"))
        cls.objection = Objection.objects.create(
            notice=cls.notice,
            reference="20260301-AAAAA",
            content=CONTENT,
            name="王秀兰",
            phone="027-87001234",
            email="wang@example.org",
        )
        cls.other = Objection.objects.create(
            notice=cls.world["notices"]["revocation"],
            reference="20260301-BBBBB",
            content="撤销理由不充分。",
            name="李四",
            phone="13900000002",
            outcome="已答复。",
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def edit_url(self, objection):
        return reverse("objections:edit", args=[objection.pk])

    def listed(self, query=""):
        response = self.client.get(reverse("objections:index") + query)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        return {ref for ref in ("20260301-AAAAA", "20260301-BBBBB") if ref in content}

    def test_the_list_filters_by_notice_and_by_status(self):
        self.assertEqual(self.listed(), {"20260301-AAAAA", "20260301-BBBBB"})
        self.assertEqual(self.listed(f"?notice={self.notice.pk}"), {"20260301-AAAAA"})
        self.assertEqual(self.listed("?status=awaiting"), {"20260301-AAAAA"})
        self.assertEqual(self.listed("?status=recorded"), {"20260301-BBBBB"})
        self.assertEqual(self.listed("?q=20260301-BB"), {"20260301-BBBBB"})
        content = self.client.get(reverse("objections:index")).content.decode()
        for label in ("受理编号", "处理状态", "待处理", "已处理（结果不公开）"):
            self.assertIn(label, content)

    def test_the_editor_reads_the_content_and_the_contact_but_cannot_change_them(self):
        response = self.client.get(self.edit_url(self.objection))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        for text in (CONTENT, "王秀兰", "027-87001234", "wang@example.org", "仅编辑可见"):
            self.assertIn(text, content)
        for field in ("content", "name", "phone", "email", "reference", "notice"):
            self.assertNotIn(f'name="{field}"', content)
        self.assertIn('name="outcome"', content)

        response = self.client.post(
            self.edit_url(self.objection),
            {
                "outcome": "经核实，变更已经成员大会表决通过，异议不成立。",
                "outcome_public": "on",
                "content": "改过的内容",
                "name": "改过的姓名",
                "phone": "000",
            },
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.objection.refresh_from_db()
        self.assertEqual(self.objection.content, CONTENT)
        self.assertEqual((self.objection.name, self.objection.phone), ("王秀兰", "027-87001234"))
        self.assertEqual(self.objection.outcome, "经核实，变更已经成员大会表决通过，异议不成立。")
        self.assertTrue(self.objection.outcome_public)
        self.assertEqual(self.objection.outcome_recorded_by, self.editor)
        self.assertIsNotNone(self.objection.outcome_recorded_at)

    def test_a_recorded_outcome_shows_on_the_notice_page_after_the_period(self):
        """The notice page is rendered for each request (no page cache): an outcome shows at
        once, in both scripts. Were the page cached, this would catch it staying stale."""
        with after(self.notice):
            for page in (self.notice, twin(self.notice)):
                self.assertNotIn("異議不成立", self.client.get(page.url).content.decode())
                self.assertNotIn("异议不成立", self.client.get(page.url).content.decode())
            self.client.post(
                self.edit_url(self.objection),
                {"outcome": "经核实，异议不成立。", "outcome_public": "on"},
            )
            self.assertIn("异议不成立", self.client.get(self.notice.url).content.decode())
            self.assertIn("異議不成立", self.client.get(twin(self.notice).url).content.decode())
            # Withdrawn from the page when the editor unticks it.
            self.client.post(self.edit_url(self.objection), {"outcome": "经核实，异议不成立。"})
            self.assertNotIn("异议不成立", self.client.get(self.notice.url).content.decode())

    def test_an_outcome_is_published_only_once_it_is_written(self):
        response = self.client.post(
            self.edit_url(self.objection), {"outcome": "", "outcome_public": "on"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("请先填写处理结果，再选择公开。", response.content.decode())
        self.objection.refresh_from_db()
        self.assertFalse(self.objection.outcome_public)

    def test_nobody_adds_an_objection_in_the_admin(self):
        admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        for user in (self.editor, admin):
            self.client.force_login(user)
            index = self.client.get(reverse("objections:index")).content.decode()
            self.assertNotIn(reverse("objections:add"), index)
            response = self.client.post(
                reverse("objections:add"),
                {"outcome": "x"},
            )
            self.assertNotEqual(response.status_code, 200)
        self.assertEqual(Objection.objects.count(), 2)

    def test_without_the_permission_an_editor_sees_no_objection(self):
        other = editor_user(self.world["sections"]["home"], username="another-editor")
        other.groups.clear()
        other.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(other)
        response = self.client.get(reverse("objections:index"))
        self.assertEqual(response.status_code, 302)
        response = self.client.get(self.edit_url(self.objection))
        self.assertEqual(response.status_code, 302)
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertNotIn(reverse("objections:index"), home)


class NoticeDeletionTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notice = cls.world["notices"]["change"]
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
        Objection.objects.create(
            notice=cls.notice,
            reference="20260301-DDDDD",
            content="异议",
            name="某",
            phone="1234567",
        )

    def test_a_notice_that_received_objections_is_not_deleted_and_says_why(self):
        self.client.force_login(self.admin)
        url = reverse("wagtailadmin_pages:delete", args=[self.notice.pk])
        confirm = self.client.get(url)
        self.assertContains(confirm, "prevent it from being deleted")  # Wagtail's own wording
        refused = self.client.post(url)
        self.assertEqual(refused.status_code, 302)
        self.assertTrue(type(self.notice).objects.filter(pk=self.notice.pk).exists())
        self.assertEqual(Objection.objects.get().notice_id, self.notice.pk)
