"""The ledger in the admin, as a street editor (not a superuser) uses it: upload, preview
(what will be created and changed, every error with its row), confirm (the stored file,
checked again, written or not at all), and the export."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from orgs.models import OrganizationPage
from tests.orgs.ledger_files import database_state, existing_row, ledger_csv, ledger_xlsx, new_row
from tests.orgs.world import EditorTestCase

TOKEN = re.compile(r'name="token" value="([^"]+)"')


def upload(client, data, name="台账.csv", **fields):
    return client.post(
        reverse("orgs_ledger_import"),
        {"file": SimpleUploadedFile(name, data), **fields},
    )


class LedgerAdminTests(EditorTestCase):
    def test_the_menu_offers_import_and_export(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("orgs_ledger_import"))
        self.assertContains(response, reverse("orgs_ledger_export"))

    def test_preview_then_confirm(self):
        qibao = self.world["orgs"]["qibao"]
        data = ledger_csv([new_row(), existing_row(qibao, 负责人="王建国")], encoding="gb18030")
        before = database_state()
        response = upload(self.client, data)
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        self.assertIn("CSV，GB18030", page)
        self.assertIn("东亭社区邻里互助队", page)  # to create
        self.assertIn("<td>刘建国</td><td>王建国</td>", page)  # before → after
        self.assertEqual(database_state(), before)  # the preview writes nothing
        token = TOKEN.search(page).group(1)

        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertRedirects(response, reverse("orgs_ledger_import"))
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertEqual(len(messages), 1)
        self.assertIn("1", messages[0])
        new = OrganizationPage.objects.get(title="东亭社区邻里互助队")
        self.assertEqual(new.owner, self.editor)
        self.assertEqual(new.latest_revision.user, self.editor)
        qibao.refresh_from_db()
        self.assertEqual(qibao.leader_name, "王建国")
        # The file is gone: confirming again imports nothing twice.
        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertRedirects(response, reverse("orgs_ledger_import"))
        self.assertEqual(OrganizationPage.objects.filter(title="东亭社区邻里互助队").count(), 1)

    def test_errors_are_listed_with_their_rows_and_nothing_can_be_confirmed(self):
        rows = [
            new_row(),
            new_row(备案编号="B3", 成员数="很多"),
            new_row(备案编号="B4", 区="汉阳区"),
        ]
        response = upload(self.client, ledger_xlsx(rows), name="台账.xlsx")
        page = response.content.decode()
        self.assertIn("<td>3</td><td>成员数</td><td>应为不小于0的整数（现为“很多”）。</td>", page)
        self.assertIn("<td>4</td><td>区</td><td>没有名为“汉阳区”的区(县)。</td>", page)
        self.assertNotIn(reverse("orgs_ledger_confirm"), page)
        errors_url = re.search(r'href="(/admin/ledger/import/[^"]+/errors.csv)"', page).group(1)
        errors = self.client.get(errors_url).content.decode("utf-8-sig")
        self.assertEqual(
            errors.splitlines(),
            [
                "行,列,说明",
                "3,成员数,应为不小于0的整数（现为“很多”）。",
                "4,区,没有名为“汉阳区”的区(县)。",
            ],
        )

    def test_a_confirmation_checks_the_file_again(self):
        """Between preview and confirmation another import took the organization's name
        in the same community: the confirmation refuses, says why and writes nothing."""
        response = upload(self.client, ledger_csv([new_row()]))
        token = TOKEN.search(response.content.decode()).group(1)
        other = upload(self.client, ledger_csv([new_row(备案编号="B9")]))
        self.client.post(
            reverse("orgs_ledger_confirm"), {"token": TOKEN.search(other.content.decode())[1]}
        )
        before = database_state()
        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<td>2</td><td>组织名称</td><td>本区域已有")
        self.assertNotContains(response, reverse("orgs_ledger_confirm"))
        self.assertEqual(database_state(), before)

    def test_a_confirmation_applies_only_what_was_previewed(self):
        """The preview said "create"; since then another import created an organization
        with the same filing number, so the row would now change that one: the new
        preview is shown to be confirmed again."""
        response = upload(self.client, ledger_csv([new_row()]))
        token = TOKEN.search(response.content.decode()).group(1)
        other = upload(self.client, ledger_csv([new_row(组织名称="东亭社区另一支队")]))
        self.client.post(
            reverse("orgs_ledger_confirm"), {"token": TOKEN.search(other.content.decode())[1]}
        )
        before = database_state()
        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<td>东亭社区另一支队</td><td>东亭社区邻里互助队</td>")
        self.assertEqual(database_state(), before)
        # Confirmed again, after this new preview: written.
        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertRedirects(response, reverse("orgs_ledger_import"))
        self.assertTrue(OrganizationPage.objects.filter(title="东亭社区邻里互助队").exists())

    def test_a_token_belongs_to_the_session_that_uploaded(self):
        response = upload(self.client, ledger_csv([new_row()]))
        token = TOKEN.search(response.content.decode()).group(1)
        other = get_user_model().objects.create_superuser("other", "o@example.org", "pw")
        self.client.force_login(other)
        before = database_state()
        response = self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        self.assertRedirects(response, reverse("orgs_ledger_import"))
        self.assertEqual(database_state(), before)

    def test_a_file_that_cannot_be_read(self):
        response = upload(self.client, b"\xd0\xcf\x11\xe0" + b"\0" * 64, name="台账.xls")
        self.assertContains(response, "不能读取旧版 Excel（.xls）文件")

    @override_settings(LEDGER_MAX_UPLOAD_BYTES=100)
    def test_a_file_too_large(self):
        response = upload(self.client, ledger_csv([new_row()]))
        self.assertNotIn(TOKEN.pattern[:10], response.content.decode())
        self.assertFalse(TOKEN.search(response.content.decode()))

    def test_export(self):
        response = self.client.get(reverse("orgs_ledger_export"))
        self.assertEqual(response.status_code, 200)
        for file_format, start in (("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK")):
            response = self.client.get(reverse("orgs_ledger_export"), {"format": file_format})
            self.assertEqual(response.status_code, 200)
            self.assertIn(f"ledger.{file_format}", response["Content-Disposition"])
            self.assertTrue(b"".join(response.streaming_content).startswith(start))


class LedgerPermissionTests(TestCase):
    def test_without_page_permissions_there_is_no_ledger(self):
        user = get_user_model().objects.create_user("reader", "r@example.org", "pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(user)
        from tests.utils import site_sections

        site_sections()
        for name in ("orgs_ledger_import", "orgs_ledger_export"):
            response = self.client.get(reverse(name))
            self.assertNotEqual(response.status_code, 200)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, reverse("orgs_ledger_import"))
