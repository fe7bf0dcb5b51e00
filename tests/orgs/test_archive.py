"""An organization's archive (档案, docs/archive.md): what is public is listed on the
profile in both scripts and served to anyone; an editor-only document is served to the
editors of its organization's street (or district) and the bureau only, by its document
URL, and its file is never reachable under MEDIA_URL."""

import atexit
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from orgs.archive import PRIVATE_COLLECTION
from orgs.models import ArchiveDocument, OrganizationPage
from tests.access.world import fresh, member
from tests.orgs.test_admin_messages import form_data
from tests.orgs.test_profile import section
from tests.orgs.world import twin
from tests.shared_world import ScopedWorldTestCase

Document = get_document_model()

# Wagtail's document view serves a file from the disk (the test settings' in-memory
# storage has no files there): these tests store documents in a directory of their own.
MEDIA_ROOT = tempfile.mkdtemp(prefix="archive-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
on_disk = override_settings(
    MEDIA_ROOT=MEDIA_ROOT,
    STORAGES={
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    },
)


def document(title, filename, content=b"%PDF-1.4\n%archive\n", user=None):
    doc = Document(title=title, uploaded_by_user=user)
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def file_row(doc, kind, visibility, **fields):
    return {
        "id": "",
        "ORDER": "1",
        "DELETE": "",
        "kind": kind,
        "visibility": visibility,
        "document": doc.pk,
        "title": "",
        "dated_on": "",
        **fields,
    }


@on_disk
class ArchiveTestCase(ScopedWorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        users = cls.world["users"]
        users["zhonghua"] = member("zhonghua-editor", cls.world["groups"]["zhonghua"])
        cls.charter = document("东亭社区七宝巡逻队章程", "qibao-charter.pdf")
        cls.filing_form = document("七宝巡逻队备案表", "qibao-filing.pdf")
        cls.roster = document("七宝巡逻队成员花名册", "qibao-roster.xlsx", b"PK\x03\x04roster")
        qibao = OrganizationPage.objects.get(pk=cls.world["orgs"]["qibao"].pk)
        public, editors = ArchiveDocument.Visibility.PUBLIC, ArchiveDocument.Visibility.EDITORS
        for kind, doc, visibility in (
            (ArchiveDocument.Kind.FILING_FORM, cls.filing_form, public),
            (ArchiveDocument.Kind.CHARTER, cls.charter, public),
            (ArchiveDocument.Kind.MEMBER_ROSTER, cls.roster, editors),
        ):
            qibao.archive_documents.add(
                ArchiveDocument(kind=kind, document=doc, visibility=visibility)
            )
        qibao.save_revision().publish()
        cls.qibao = qibao

    def open(self, doc, who=None):
        if who:
            self.client.force_login(fresh(self.world["users"][who]))
        return self.client.get(doc.url)


class ServeTests(ArchiveTestCase):
    def test_anonymous_gets_a_public_document_as_an_attachment(self):
        response = self.open(self.charter)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4\n%archive\n")
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_anonymous_is_refused_an_editor_only_document(self):
        self.assertEqual(self.open(self.roster).status_code, 404)

    def test_an_editor_of_another_street_is_refused(self):
        self.assertEqual(self.open(self.roster, "zhonghua").status_code, 404)

    def test_the_editors_of_its_street_and_district_and_the_bureau_get_it(self):
        for who in ("shuiguohu", "wuchang", "bureau"):
            with self.subTest(who):
                response = self.open(self.roster, who)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(b"".join(response.streaming_content), b"PK\x03\x04roster")

    def test_private_wins_when_another_row_says_public(self):
        moxiang = OrganizationPage.objects.get(pk=self.world["orgs"]["moxiang"].pk)
        moxiang.archive_documents.add(
            ArchiveDocument(kind="member_roster", document=self.roster, visibility="public")
        )
        moxiang.save_revision().publish()
        self.assertEqual(self.open(self.roster).status_code, 404)
        self.assertNotContains(self.client.get(moxiang.url), self.roster.url)

    @override_settings(DEBUG=True)
    def test_no_document_file_is_reachable_under_media_url(self):
        # In development Django serves MEDIA_URL; a document's file is not among it,
        # public or not (Wagtail's document view is the only way to a document).
        for doc in (self.roster, self.charter):
            with self.subTest(doc.title):
                self.assertTrue(doc.file.url.startswith("/media/documents/"))
                self.assertEqual(self.client.get(doc.file.url).status_code, 404)


class MediaInDevelopmentTests(TestCase):
    def test_other_media_files_are_served_in_development_only(self):
        with tempfile.TemporaryDirectory() as root:
            for name in ("documents/roster.xlsx", "open-data/manifest.json"):
                (Path(root) / name).parent.mkdir(parents=True, exist_ok=True)
                (Path(root) / name).write_bytes(b"{}")
            with override_settings(DEBUG=True, MEDIA_ROOT=root):
                self.assertEqual(self.client.get("/media/open-data/manifest.json").status_code, 200)
                self.assertEqual(self.client.get("/media/documents/roster.xlsx").status_code, 404)
                self.assertEqual(self.client.get("/media//documents/roster.xlsx").status_code, 404)
            with override_settings(MEDIA_ROOT=root):
                self.assertEqual(self.client.get("/media/open-data/manifest.json").status_code, 404)


class ProfileTests(ArchiveTestCase):
    def test_the_profile_lists_the_public_documents_by_kind_in_both_scripts(self):
        for page, charter_title, kinds in (
            (self.qibao, "东亭社区七宝巡逻队章程", ("章程", "备案表")),
            (twin(self.qibao), "東亭社區七寶巡邏隊章程", ("章程", "備案表")),
        ):
            with self.subTest(page.url):
                content = section(self.client.get(page.url).content.decode(), "archive")
                self.assertIn(charter_title, content)
                self.assertIn(self.charter.url, content)
                self.assertIn(self.filing_form.url, content)
                self.assertNotIn(self.roster.url, content)
                self.assertNotIn("花名册", content)
                # Grouped in the order of the kinds: the charter before the filing form.
                self.assertLess(content.index(f"<h3>{kinds[0]}</h3>"), content.index(kinds[1]))

    def test_the_twins_rows_are_synchronised_copies(self):
        rows = twin(self.qibao).archive_documents.order_by("sort_order")
        self.assertEqual(
            [(row.kind, row.document_id, row.visibility) for row in rows],
            [
                ("filing_form", self.filing_form.pk, "public"),
                ("charter", self.charter.pk, "public"),
                ("member_roster", self.roster.pk, "editors"),
            ],
        )

    def test_an_organization_without_public_documents_says_so(self):
        response = self.client.get(self.world["orgs"]["moxiang"].url)
        self.assertIn("暂无公开的档案文件。", section(response.content.decode(), "archive"))


class AdminTests(ArchiveTestCase):
    def edit(self, rows, action=None):
        qibao = OrganizationPage.objects.get(pk=self.qibao.pk)
        payload = {
            key: value
            for key, value in form_data(qibao).items()
            if not key.startswith("archive_documents-")
        }
        payload.update(nested_form_data({"archive_documents": inline_formset(rows)}))
        if action:
            payload[action] = "1"
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[qibao.pk]), payload)

    def test_a_draft_makes_a_new_editor_only_document_private_at_once(self):
        editor = fresh(self.world["users"]["shuiguohu"])
        self.client.force_login(editor)
        minutes = document("七宝巡逻队处理结果", "decision.pdf", user=editor)
        self.assertEqual(self.open(minutes).status_code, 200)  # nothing says private yet
        self.client.force_login(editor)
        response = self.edit([file_row(minutes, "decision", "editors")])
        self.assertEqual(response.status_code, 302)
        minutes.refresh_from_db()
        self.assertEqual(minutes.collection.name, PRIVATE_COLLECTION)
        # Not published: no row in the database, and yet refused to readers and to
        # another street; its uploader and the bureau still open it.
        self.assertFalse(ArchiveDocument.objects.filter(document=minutes).exists())
        self.client.logout()
        self.assertEqual(self.open(minutes).status_code, 404)
        self.assertEqual(self.open(minutes, "zhonghua").status_code, 404)
        self.assertEqual(self.open(minutes, "shuiguohu").status_code, 200)
        self.assertEqual(self.open(minutes, "bureau").status_code, 200)

    def test_the_visibility_must_be_chosen_even_for_a_draft(self):
        self.client.force_login(fresh(self.world["users"]["shuiguohu"]))
        response = self.edit([file_row(self.charter, "charter", "")])
        self.assertEqual(response.status_code, 200)
        row = response.context["form"].formsets["archive_documents"].forms[0]
        self.assertEqual(list(row.errors), ["visibility"])
        self.assertFalse(Document.objects.filter(collection__name=PRIVATE_COLLECTION).exists())

    def test_the_archive_has_its_own_tab(self):
        self.client.force_login(fresh(self.world["users"]["shuiguohu"]))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.qibao.pk]))
        self.assertContains(response, "档案")
        self.assertContains(response, "仅编辑可见")

    def test_the_document_chooser_hides_another_streets_private_documents(self):
        chooser = reverse("wagtaildocs_chooser:choose")
        self.client.force_login(fresh(self.world["users"]["zhonghua"]))
        response = self.client.get(chooser)
        self.assertEqual(response.status_code, 200)
        listed = response.json()["html"]
        self.assertIn(self.charter.title, listed)
        self.assertNotIn(self.roster.title, listed)
        self.client.force_login(fresh(self.world["users"]["shuiguohu"]))
        self.assertIn(self.roster.title, self.client.get(chooser).json()["html"])

    def test_uploads_are_limited_to_pdf_word_excel_and_images(self):
        self.client.force_login(fresh(self.world["users"]["shuiguohu"]))
        response = self.client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "脚本",
                "file": SimpleUploadedFile("run.exe", b"MZ"),
                "collection": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "文件扩展“exe”是不被允许")
        self.assertFalse(Document.objects.filter(title="脚本").exists())
