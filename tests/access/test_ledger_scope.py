"""A street's editor imports and exports the street's ledger only (docs/ledger.md,
docs/editors.md): rows elsewhere are errors with their row numbers, and nothing is
written."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgs.models import OrganizationPage
from tests.orgs.ledger_files import database_state, ledger_csv, new_row
from tests.shared_world import ScopedWorldTestCase

TOKEN = re.compile(r'name="token" value="([^"]+)"')


class LedgerScopeTests(ScopedWorldTestCase):
    def setUp(self):
        self.client.force_login(self.world["users"]["shuiguohu"])

    def upload(self, rows):
        return self.client.post(
            reverse("orgs_ledger_import"),
            {"file": SimpleUploadedFile("台账.csv", ledger_csv(rows))},
        )

    def test_the_streets_own_rows_import(self):
        response = self.upload([new_row()])
        self.assertEqual(response.status_code, 200)
        token = TOKEN.search(response.content.decode()).group(1)
        self.client.post(reverse("orgs_ledger_confirm"), {"token": token})
        created = OrganizationPage.objects.get(title="东亭社区邻里互助队")
        self.assertEqual(created.region.code, "420106001001")

    def test_another_streets_row_is_an_error_with_its_row_and_nothing_is_written(self):
        before = database_state()
        response = self.upload(
            [
                new_row(),
                new_row(
                    组织名称="青和居社区邻里互助队",
                    备案编号="青山钢备字〔2026〕第3号",
                    区="青山区",
                    街道="钢花村街道",
                    社区="青和居社区",
                ),
            ]
        )
        page = response.content.decode()
        self.assertRegex(page, r"<td>3</td><td>街道</td><td>无权导入[^<]*</td>")
        self.assertNotIn(reverse("orgs_ledger_confirm"), page)
        self.assertEqual(database_state(), before)

    def test_the_export_holds_the_streets_organizations_only(self):
        response = self.client.get(reverse("orgs_ledger_export") + "?format=csv")
        self.assertEqual(response.status_code, 200)
        content = (
            b"".join(response.streaming_content).decode("utf-8-sig")
            if response.streaming
            else response.content.decode("utf-8-sig")
        )
        self.assertIn("东亭社区七宝巡逻队", content)
        self.assertNotIn("青和居社区广场舞蹈队", content)
        self.assertNotIn("起义门社区养生保健协会", content)  # 中华路街道, the same district
