"""The ledger import's checks: each kind of error is reported with its row number,
column and a Chinese message, every error of the file at once, and an import with any
error changes nothing at all."""

from orgs.factories import credit_code
from orgs.ledger import HEADERS, LedgerFileError, import_ledger, validate_ledger
from tests.orgs.ledger_files import database_state, existing_row, ledger_csv, new_row
from tests.shared_world import WorldTestCase


class LedgerErrorTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.orgs = cls.world["orgs"]

    def assert_errors(self, rows, expected, headers=HEADERS, **options):
        """Importing `rows` reports exactly `expected` (lines 第N行 列名: 说明, in row
        order) and leaves the database as it was."""
        before = database_state()
        plan = import_ledger(ledger_csv(rows, headers), **options)
        self.assertEqual(plan.error_lines(), expected)
        self.assertEqual(plan.created, [])
        self.assertEqual(plan.changed, [])
        self.assertEqual(database_state(), before)
        return plan

    def test_missing_unknown_and_repeated_headers(self):
        headers = [h for h in HEADERS if h not in ("简介", "备案编号")] + ["备注", "区"]
        self.assert_errors(
            [new_row()],
            [
                "第1行 备注: 无法识别的列名。可用的列：" + "、".join(HEADERS) + "。",
                "第1行 区: 这一列出现了两次。",
                "第1行 备案编号: 缺少这一列（第一行应为列名）。",
                "第1行 简介: 缺少这一列（第一行应为列名）。",
            ],
            headers=headers,
        )

    def test_headers_may_come_in_any_order_and_carry_a_required_mark(self):
        headers = list(reversed(HEADERS))
        row = new_row()
        marked = [f"{h}*" if h == "组织名称" else h for h in headers]
        data = ledger_csv([row], headers).replace("组织名称".encode(), "组织名称*".encode(), 1)
        plan = validate_ledger(data)
        self.assertEqual(plan.errors, [])
        self.assertEqual(len(plan.creates), 1)
        self.assertIn("组织名称*", marked)

    def test_required_cells(self):
        self.assert_errors(
            [
                new_row(),
                new_row(组织名称="", 负责人="", 类别="", 备案编号="武昌水备字〔2026〕第18号"),
            ],
            [
                "第3行 组织名称: 不能为空。",
                "第3行 类别: 不能为空。",
                "第3行 负责人: 不能为空。",
            ],
        )

    def test_management_category_and_lengths(self):
        self.assert_errors(
            [
                new_row(管理方式="备案"),
                new_row(
                    组织名称="东亭社区二队",
                    备案编号="武昌水备字〔2026〕第18号",
                    类别="体育类",
                    负责人="王" * 41,
                ),
            ],
            [
                "第2行 管理方式: 应为依法登记、街道备案、社区管理之一（现为“备案”）。",
                "第3行 类别: 没有“体育类”这个类别。现有类别：文体活动类、社区事务类。",
                "第3行 负责人: 不能超过40个字。（现为41个）",
            ],
        )

    def test_regions_by_name_and_code_must_agree(self):
        self.assert_errors(
            [
                new_row(区="汉阳区"),
                new_row(街道="钢花村街道", 备案编号="B2"),
                new_row(社区="青和居社区", 备案编号="B3"),
                new_row(社区="东湖社区", 备案编号="B4"),
                new_row(区="420106", 街道="420107001", 社区="", 备案编号="B5"),
                new_row(区="420106", 街道="420106001", 社区="420106001001", 备案编号="B6"),
            ],
            [
                "第2行 区: 没有名为“汉阳区”的区(县)。",
                "第3行 街道: “钢花村街道”不属于武昌区（它在青山区）。",
                "第4行 社区: “青和居社区”不属于水果湖街道（它在钢花村街道）。",
                "第5行 社区: 水果湖街道没有名为“东湖社区”的社区(村)。",
                "第6行 街道: 钢花村街道（420107001）不属于武昌区。",
            ],
        )

    def test_dates_counts_and_phones(self):
        self.assert_errors(
            [
                new_row(成立日期="2026年13月1日", 备案日期="去年"),
                new_row(备案编号="B2", 成员数="-1", 志愿者数="12.5"),
                new_row(备案编号="B3", 成员数="2000000", 联系电话="请找王主任"),
                new_row(备案编号="B4", 联系电话="027-8678"),
                new_row(备案编号="B5", 成立日期="2024-02-30"),
            ],
            [
                "第2行 成立日期: 日期“2026年13月1日”不存在。",
                "第2行 备案日期: 无法识别的日期“去年”：请写成 2024-01-05、2024/1/5 或 2024年1月5日。",
                "第3行 成员数: 应为不小于0的整数（现为“-1”）。",
                "第3行 志愿者数: 应为不小于0的整数（现为“12.5”）。",
                "第4行 联系电话: “请找王主任”不像电话号码：座机如 027-86781234，手机如 13907165432，多个号码用顿号分开。",
                "第4行 成员数: 不能超过1000000。",
                "第5行 联系电话: “027-8678”不像电话号码：座机如 027-86781234，手机如 13907165432，多个号码用顿号分开。",
                "第6行 成立日期: 日期“2024-02-30”不存在。",
            ],
        )

    def test_plausible_phones_and_date_formats_pass(self):
        rows = [
            new_row(备案编号=f"B{n}", 组织名称=f"东亭社区{n}队", 联系电话=phone, 备案日期=date)
            for n, (phone, date) in enumerate(
                [
                    ("13907165432", "2026-02-01"),
                    ("027-86781234、13907165432", "2026/2/1"),
                    ("(027) 8678 1234转123", "2026年2月1日"),
                    ("+86 139 0716 5432", "2026.2.1"),
                    ("", "20260201"),
                ]
            )
        ]
        plan = validate_ledger(ledger_csv(rows))
        self.assertEqual(plan.error_lines(), [])
        self.assertEqual(
            {planned.page.filed_on.isoformat() for planned in plan.creates}, {"2026-02-01"}
        )

    def test_codes_and_the_models_rules(self):
        bad = credit_code(99)[:-1] + ("0" if credit_code(99)[-1] != "0" else "1")
        self.assert_errors(
            [
                new_row(管理方式="依法登记", 备案编号="", 统一社会信用代码=bad),
                new_row(备案编号="B3", 统一社会信用代码=credit_code(98)),
                new_row(备案编号=""),
                new_row(备案编号="B5", 备案日期=""),
                new_row(备案编号="B6", 成立日期="2026-03-01", 备案日期="2026-02-01"),
                new_row(管理方式="依法登记", 备案编号="", 统一社会信用代码=""),
            ],
            [
                "第2行 统一社会信用代码: 统一社会信用代码校验位不正确，请核对证书上的代码"
                f"（第18位应为“{credit_code(99)[-1]}”才能通过校验）。",
                "第3行 统一社会信用代码: 只有依法登记的组织才有统一社会信用代码；"
                "备案或社区管理的组织请留空。",
                "第4行 备案编号: 街道备案的组织必须填写备案编号。",
                "第5行 备案日期: 街道备案的组织必须填写备案日期。",
                "第6行 备案日期: 备案日期不能早于成立日期。",
                "第7行 统一社会信用代码: 依法登记的组织必须填写统一社会信用代码。",
            ],
        )

    def test_duplicates_within_the_file(self):
        code = credit_code(50)
        self.assert_errors(
            [
                new_row(),
                new_row(组织名称="东亭社区二队"),
                new_row(组织名称="三队", 备案编号="武昌水備字〔2026〕第17號"),
                new_row(组织名称="四队", 管理方式="依法登记", 备案编号="", 统一社会信用代码=code),
                new_row(组织名称="五队", 管理方式="依法登记", 备案编号="", 统一社会信用代码=code),
                new_row(组织名称="六队", 管理方式="社区管理", 备案编号="", 备案日期=""),
                new_row(组织名称="六队", 管理方式="社区管理", 备案编号="", 备案日期=""),
            ],
            [
                "第3行 备案编号: 与第2行重复（繁体页面中会是同一个编号）。",
                "第4行 备案编号: 与第2行重复（繁体页面中会是同一个编号）。",
                "第6行 统一社会信用代码: 与第5行重复。",
                "第8行 组织名称: 与第7行重复（同一区域的同名组织）。",
            ],
        )

    def test_conflicts_with_existing_organizations(self):
        hub, qibao, moxiang = self.orgs["hub"], self.orgs["qibao"], self.orgs["moxiang"]
        self.assert_errors(
            [
                existing_row(hub, 管理方式="依法登记", 备案编号=qibao.filing_number),
                new_row(组织名称=qibao.title, 备案编号="B3"),
                existing_row(moxiang),
                existing_row(moxiang, 成员数="40"),
            ],
            [
                f"第2行 备案编号: 备案编号 {qibao.filing_number} 已被“{qibao.title}”使用，"
                f"而统一社会信用代码 {hub.credit_code} 属于“{hub.title}”：一行只能是一个组织。",
                f"第3行 组织名称: 本区域已有“{qibao.title}”（{qibao.filing_number}），"
                "与这一行的代码不同：如果是同一个组织，请填写它现有的代码（更改代码请在管理后台进行）。",
                f"第5行 组织名称: 与第4行是同一个组织（“{moxiang.title}”）。",
            ],
        )

    def test_rows_outside_the_allowed_regions(self):
        qiaomen = self.orgs["qiaomen"]  # 青山区钢花村街道
        self.assert_errors(
            [
                new_row(),
                new_row(备案编号="B3", 区="青山区", 街道="钢花村街道", 社区="青和居社区"),
                existing_row(qiaomen, 区="武昌区", 街道="水果湖街道", 社区="东亭社区"),
            ],
            [
                "第3行 街道: 无权导入钢花村街道的组织（只能导入水果湖街道的组织）。",
                f"第4行 街道: “{qiaomen.title}”属于青山区 › 钢花村街道 › 青和居社区，无权修改。",
            ],
            allowed_region_codes=["420106001"],
        )

    def test_every_row_is_checked_and_a_good_row_is_not_written_either(self):
        before = database_state()
        rows = [new_row(备案编号=f"B{n}", 组织名称=f"东亭社区{n}队") for n in range(30)]
        rows[7]["成员数"] = "很多"
        rows[21]["区"] = "汉阳区"
        plan = import_ledger(ledger_csv(rows))
        self.assertEqual(
            plan.error_lines(),
            [
                "第9行 成员数: 应为不小于0的整数（现为“很多”）。",
                "第23行 区: 没有名为“汉阳区”的区(县)。",
            ],
        )
        self.assertEqual(len(plan.creates), 28)  # checked, and not written
        self.assertEqual(database_state(), before)

    def test_files_that_cannot_be_read(self):
        for data, message in [
            (b"", "文件是空的。"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "不能读取旧版 Excel（.xls）文件"),
            (b"PK\x03\x04broken", "无法读取这个 XLSX 文件"),
        ]:
            with self.subTest(message=message), self.assertRaisesMessage(LedgerFileError, message):
                validate_ledger(data)
        with self.assertRaisesMessage(LedgerFileError, "文件不是 utf-8 编码"):
            validate_ledger(ledger_csv([new_row()], encoding="gb18030"), encoding="utf-8")
