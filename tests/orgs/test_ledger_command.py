"""manage.py import_ledger: a progress bar on stderr, every error as 第N行 列名: 说明,
a non-zero exit when any row fails, and then nothing changed."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

from orgs.models import OrganizationPage
from tests.orgs.ledger_files import database_state, existing_row, ledger_csv, new_row
from tests.shared_world import WorldTestCase


class ImportLedgerCommandTests(WorldTestCase):
    def run_command(self, data, *options, tmp_name="台账.csv"):
        path = self.directory / tmp_name
        path.write_bytes(data)
        stdout, stderr = io.StringIO(), io.StringIO()
        try:
            call_command("import_ledger", str(path), *options, stdout=stdout, stderr=stderr)
            failure = None
        except CommandError as error:
            failure = error
        return stdout.getvalue(), stderr.getvalue(), failure

    def setUp(self):
        import tempfile
        from pathlib import Path

        self._tmp = tempfile.TemporaryDirectory()
        self.directory = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def test_errors_are_printed_and_nothing_changes(self):
        qibao = self.world["orgs"]["qibao"]
        rows = [
            new_row(),
            existing_row(qibao, 负责人="王建国"),
            new_row(备案编号="B4", 组织名称="东亭社区二队", 成员数="-3"),
            new_row(备案编号="B5", 组织名称="东亭社区三队", 备案日期="去年"),
        ]
        before = database_state()
        stdout, stderr, failure = self.run_command(ledger_csv(rows, encoding="gb18030"))
        self.assertIsNotNone(failure)  # call_command raises; manage.py exits with status 1
        self.assertIn("第4行 成员数: 应为不小于0的整数（现为“-3”）。", stderr.splitlines())
        self.assertIn(
            "第5行 备案日期: 无法识别的日期“去年”：请写成 2024-01-05、2024/1/5 或 2024年1月5日。",
            stderr.splitlines(),
        )
        self.assertIn(" 行", stderr)  # the progress bar
        self.assertIn("4", stdout)
        self.assertEqual(database_state(), before)

    def test_a_dry_run_writes_nothing(self):
        before = database_state()
        stdout, _stderr, failure = self.run_command(ledger_csv([new_row()]), "--dry-run")
        self.assertIsNone(failure)
        self.assertEqual(database_state(), before)

    def test_an_import(self):
        qibao = self.world["orgs"]["qibao"]
        data = ledger_csv([new_row(), existing_row(qibao, 负责人="王建国")], encoding="gb18030")
        stdout, _stderr, failure = self.run_command(data, "--encoding", "gb18030")
        self.assertIsNone(failure)
        self.assertTrue(OrganizationPage.objects.filter(title="东亭社区邻里互助队").exists())
        qibao.refresh_from_db()
        self.assertEqual(qibao.leader_name, "王建国")

    def test_a_region_limit(self):
        row = new_row(区="青山区", 街道="钢花村街道", 社区="青和居社区")
        _stdout, stderr, failure = self.run_command(ledger_csv([row]), "--region", "420106001")
        self.assertIsNotNone(failure)
        self.assertIn("第2行 街道: 无权导入钢花村街道的组织（只能导入水果湖街道的组织）。", stderr)

    def test_a_file_that_cannot_be_read(self):
        _stdout, _stderr, failure = self.run_command(b"", tmp_name="empty.csv")
        self.assertEqual(str(failure), "文件是空的。")
        with self.assertRaises(CommandError):
            call_command("import_ledger", str(self.directory / "missing.csv"))
