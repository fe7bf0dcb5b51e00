"""The ledger import writes what it previewed: new organizations with their zh-hant twins,
search entries, revisions and tags; changes to the organizations matched by credit code,
filing number or (without either) name; in any of the accepted encodings and XLSX; in
one transaction, so a failure while writing leaves everything as it was. The export
imports again unchanged."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale, Page

import pytest

from core import content_cache
from orgs.factories import credit_code
from orgs.ledger import import_ledger, validate_ledger, write_ledger
from orgs.models import OrganizationPage
from tests.orgs.ledger_files import (
    database_state,
    existing_row,
    ledger_csv,
    ledger_xlsx,
    new_row,
)
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase


def organization(title):
    return OrganizationPage.objects.get(title=title, locale__language_code="zh-hans")


class LedgerImportTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.orgs = cls.world["orgs"]
        cls.user = get_user_model().objects.create_superuser("bureau", "b@example.org", "pw")

    def assert_imported(self, data, created=0, changed=0, **options):
        plan = import_ledger(data, user=self.user, **options)
        self.assertEqual(plan.error_lines(), [])
        self.assertEqual((len(plan.created), len(plan.changed)), (created, changed))
        return plan

    def test_a_new_organization_in_both_scripts(self):
        version = content_cache.version()
        self.assert_imported(ledger_csv([new_row()]), created=1)
        page = organization("东亭社区邻里互助队")
        self.assertEqual(page.slug, "dongtingshequ-linlihuzhu-dui")
        self.assertEqual(page.get_parent().specific, self.world["sections"]["orgs"])
        self.assertTrue(page.live)
        self.assertEqual(page.status, "active")
        self.assertEqual(page.management, "filed")
        self.assertEqual(page.region, self.world["regions"]["dongting"])
        self.assertEqual(page.filing_number, "武昌水备字〔2026〕第17号")
        self.assertEqual(page.filed_on, datetime.date(2026, 2, 1))
        self.assertEqual((page.member_count, page.volunteer_count), (12, 20))
        self.assertEqual(page.description, "<p>邻里之间互相帮助。</p><p>每周三上午活动。</p>")
        self.assertEqual(sorted(tag.name for tag in page.tags.all()), ["养老", "志愿服务"])
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        # A revision the admin's edit view opens, by the importing user.
        revision = page.latest_revision
        self.assertEqual(revision.user, self.user)
        self.assertEqual(page.live_revision, revision)
        self.assertEqual(revision.as_object().filing_number, page.filing_number)
        # The zh-hant twin, at the same address under /zh-hant/.
        traditional = twin(page)
        self.assertEqual(traditional.title, "東亭社區鄰里互助隊")
        self.assertEqual(traditional.filing_number, "武昌水備字〔2026〕第17號")
        self.assertEqual(traditional.slug, page.slug)
        self.assertTrue(traditional.live)
        self.assertEqual(traditional.region, twin_region(page.region))
        self.assertEqual(sorted(tag.name for tag in traditional.tags.all()), ["养老", "志愿服务"])
        self.assertNotEqual(content_cache.version(), version)
        # Readers find it: its pages, the directory and the search, in both scripts.
        for url, text in [
            (page.url, "东亭社区邻里互助队"),
            (traditional.url, "東亭社區鄰里互助隊"),
            ("/zh-hans/orgs/?street=420106001", "东亭社区邻里互助队"),
        ]:
            response = self.client.get(url)
            self.assertContains(response, text)
        for script, query, url in [
            ("zh-hans", "邻里互助", page.url),
            ("zh-hant", "鄰里互助", traditional.url),
        ]:
            response = self.client.get(f"/{script}/search/", {"q": query})
            self.assertIn(f'href="{url}"', response.content.decode())

    def test_the_admin_search_finds_a_new_organization_in_both_scripts(self):
        """The import writes Wagtail's own index (the admin's search) for the page and its
        twin, as a publish would."""
        self.assert_imported(ledger_csv([new_row()]), created=1)
        self.client.force_login(self.user)
        for query in ("邻里互助", "鄰里互助"):
            response = self.client.get("/admin/pages/search/", {"q": query})
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "东亭社区邻里互助队")
            self.assertContains(response, "東亭社區鄰里互助隊")

    def test_update_by_credit_code(self):
        hub = self.orgs["hub"]
        row = existing_row(hub, 负责人="李卫东", 成员数="35", 服务领域="枢纽服务")
        row["统一社会信用代码"] = hub.credit_code.lower()  # as typed, normalised
        self.assert_imported(ledger_csv([row]), changed=1)
        hub = organization(hub.title)
        self.assertEqual((hub.leader_name, hub.member_count), ("李卫东", 35))
        self.assertEqual([tag.name for tag in hub.tags.all()], ["枢纽服务"])
        self.assertEqual(twin(hub).leader_name, "李衛東")
        self.assertEqual([tag.name for tag in twin(hub).tags.all()], ["枢纽服务"])
        self.assertEqual(hub.latest_revision.as_object().leader_name, "李卫东")
        self.assertEqual(hub.get_latest_revision_as_object().leader_name, "李卫东")
        self.assertContains(self.client.get(twin(hub).url), "李衛東")

    def test_update_by_filing_number_renames_everywhere(self):
        qibao = self.orgs["qibao"]
        slug, url = qibao.slug, qibao.url
        row = existing_row(qibao, 组织名称="东亭社区七宝平安巡逻队", 联系电话="13907165432")
        self.assert_imported(ledger_csv([row]), changed=1)
        qibao.refresh_from_db()
        self.assertEqual(qibao.title, "东亭社区七宝平安巡逻队")
        self.assertEqual(qibao.draft_title, "东亭社区七宝平安巡逻队")
        self.assertEqual((qibao.slug, qibao.url), (slug, url))  # a rename keeps the address
        self.assertEqual(qibao.contact_phone, "13907165432")
        self.assertEqual(twin(qibao).title, "東亭社區七寶平安巡邏隊")
        # What carries its name follows: its funding record's entry has the new name.
        self.assertContains(
            self.client.get("/zh-hans/search/", {"q": "七宝平安巡逻队", "kind": "funding"}),
            "东亭社区<mark>七宝平安巡逻队</mark>",
        )
        self.assertContains(self.client.get(url), "东亭社区七宝平安巡逻队")

    def test_update_by_name_for_an_organization_without_codes(self):
        moxiang = self.orgs["moxiang"]
        self.assert_imported(ledger_csv([existing_row(moxiang, 志愿者数="9")]), changed=1)
        moxiang.refresh_from_db()
        self.assertEqual(moxiang.volunteer_count, 9)
        self.assertEqual(twin(moxiang).volunteer_count, 9)

    def test_a_withdrawn_organization_is_changed_and_stays_withdrawn(self):
        yangsheng = self.orgs["yangsheng"]
        # Published once, as on the site (the factory makes pages live from the start, so
        # publishing never set this), then withdrawn.
        OrganizationPage.objects.filter(pk=yangsheng.pk).update(first_published_at=timezone.now())
        yangsheng.refresh_from_db()
        yangsheng.unpublish()
        self.assert_imported(ledger_csv([existing_row(yangsheng, 负责人="赵德明")]), changed=1)
        yangsheng.refresh_from_db()
        self.assertEqual(yangsheng.leader_name, "赵德明")
        self.assertFalse(yangsheng.live)
        self.assertFalse(twin(yangsheng).live)
        self.assertTrue(yangsheng.has_unpublished_changes)
        self.assertIsNone(yangsheng.live_revision)
        self.assertEqual(yangsheng.get_latest_revision_as_object().leader_name, "赵德明")

    def test_an_unchanged_row_writes_nothing(self):
        before = database_state()
        plan = import_ledger(ledger_csv([existing_row(page) for page in self.orgs.values()]))
        self.assertEqual(plan.error_lines(), [])
        self.assertEqual((plan.creates, plan.updates), ([], []))
        self.assertEqual(len(plan.unchanged), len(self.orgs))
        self.assertEqual(database_state(), before)

    def test_the_preview_names_each_change(self):
        qibao = self.orgs["qibao"]
        plan = validate_ledger(
            ledger_csv([existing_row(qibao, 负责人="王建国", 成员数="30"), new_row()])
        )
        [update] = plan.updates
        self.assertEqual(update.row, 2)
        self.assertEqual(
            [(c.column, c.before, c.after) for c in update.changes],
            [("负责人", "刘建国", "王建国"), ("成员数", "0", "30")],
        )
        self.assertEqual([planned.row for planned in plan.creates], [3])
        qibao.refresh_from_db()
        self.assertEqual(qibao.leader_name, "刘建国")  # a preview writes nothing

    def test_a_description_with_the_same_text_keeps_its_formatting(self):
        qiaomen = self.orgs["qiaomen"]
        qiaomen.description = (
            '<p>每天<b>敲门</b>问候<a href="https://example.org">独居老人</a>。</p>'
        )
        qiaomen.save_revision().publish()
        row = existing_row(qiaomen, 成员数="8")
        self.assertEqual(row["简介"], "每天敲门问候独居老人。")
        self.assert_imported(ledger_csv([row]), changed=1)
        qiaomen.refresh_from_db()
        self.assertIn("<b>敲门</b>", qiaomen.description)

    def test_encodings_and_xlsx(self):
        cases = {
            "utf-8": ledger_csv([new_row()], encoding="utf-8"),
            "utf-8 with BOM": ledger_csv([new_row()], encoding="utf-8-sig"),
            "gb18030": ledger_csv([new_row()], encoding="gb18030"),
            "xlsx": ledger_xlsx([new_row()]),
            "xlsx as text": ledger_xlsx([new_row()], typed=False),
        }
        self.assertNotEqual(cases["gb18030"], cases["utf-8"])
        descriptions = {
            "utf-8": "CSV，UTF-8",
            "utf-8 with BOM": "CSV，UTF-8（带 BOM）",
            "gb18030": "CSV，GB18030",
            "xlsx": "XLSX",
            "xlsx as text": "XLSX",
        }
        for name, data in cases.items():
            with self.subTest(name):
                plan = validate_ledger(data)
                self.assertEqual(plan.error_lines(), [])
                self.assertEqual(plan.file_description, descriptions[name])
                [planned] = plan.creates
                self.assertEqual(planned.values, validate_ledger(cases["utf-8"]).creates[0].values)
                self.assertEqual(planned.page.title, "东亭社区邻里互助队")
                self.assertEqual(planned.page.filed_on, datetime.date(2026, 2, 1))
        self.assert_imported(cases["gb18030"], created=1)
        self.assertEqual(organization("东亭社区邻里互助队").leader_name, "王秀兰")

    def test_gb18030_named_explicitly(self):
        data = ledger_csv([new_row()], encoding="gb18030")
        self.assertEqual(validate_ledger(data, encoding="GB18030").file_description, "CSV，GB18030")

    def test_a_registered_organization(self):
        row = new_row(
            组织名称="水果湖街道志愿者协会",
            管理方式="依法登记",
            统一社会信用代码=credit_code(61),
            备案编号="",
            社区="",
        )
        self.assert_imported(ledger_csv([row]), created=1)
        page = organization("水果湖街道志愿者协会")
        self.assertEqual(page.credit_code, credit_code(61))
        self.assertEqual(page.region, self.world["regions"]["shuiguohu"])

    def test_rows_within_the_allowed_regions(self):
        self.assert_imported(ledger_csv([new_row()]), created=1, allowed_region_codes=["420106001"])

    def test_without_the_traditional_sync_there_is_no_twin(self):
        with self.settings(SYNC_TRADITIONAL=False):
            self.assert_imported(ledger_csv([new_row()]), created=1)
        page = organization("东亭社区邻里互助队")
        self.assertFalse(
            OrganizationPage.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .exists()
        )

    def test_a_later_publish_in_the_admin_keeps_the_bulk_twin(self):
        """The ordinary sync finds the twin the import wrote and updates it in place."""
        self.assert_imported(ledger_csv([new_row()]), created=1)
        page = organization("东亭社区邻里互助队")
        bulk_twin = twin(page)
        page.leader_name = "李秀英"
        page.save_revision().publish()
        self.assertEqual(twin(page).pk, bulk_twin.pk)
        self.assertEqual(twin(page).leader_name, "李秀英")
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_a_failure_while_writing_leaves_everything_as_it_was(self):
        """All or nothing: pages, tags and revisions are written before the twins and
        the search entries; a failure there rolls all of it back."""
        before = database_state()
        rows = [new_row(), existing_row(self.orgs["hub"], 负责人="李卫东")]

        def fail(*args, **kwargs):
            raise RuntimeError("the search is down")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("search.sync.changed_in_bulk", fail)
            with self.assertRaisesMessage(RuntimeError, "the search is down"):
                import_ledger(ledger_csv(rows), user=self.user)
        self.assertEqual(database_state(), before)
        self.assertFalse(OrganizationPage.objects.filter(title="东亭社区邻里互助队").exists())


class LedgerExportTests(WorldTestCase):
    def test_the_export_imports_again_unchanged(self):
        for file_format in ("csv", "xlsx"):
            with self.subTest(file_format):
                data = b"".join(write_ledger(file_format))
                plan = validate_ledger(data)
                self.assertEqual(plan.error_lines(), [])
                self.assertEqual((plan.creates, plan.updates), ([], []))
                self.assertEqual(len(plan.unchanged), len(self.world["orgs"]))

    def test_csv_is_utf8_with_bom_with_the_ledger_columns(self):
        data = b"".join(write_ledger("csv"))
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        text = data.decode("utf-8-sig")
        self.assertTrue(
            text.startswith("组织名称,统一社会信用代码,备案编号,管理方式,类别,服务领域,区,")
        )
        self.assertIn("东亭社区七宝巡逻队", text)
        self.assertIn("志愿服务、治安巡逻", text)

    def test_an_edited_export_changes_what_was_edited(self):
        data = b"".join(write_ledger("csv")).decode("utf-8-sig")
        data = data.replace("刘建国", "王建国")
        plan = import_ledger(data.encode("gb18030"))
        self.assertEqual(plan.error_lines(), [])
        self.assertEqual([page.title for page in plan.changed], ["东亭社区七宝巡逻队"])
        self.assertEqual(organization("东亭社区七宝巡逻队").leader_name, "王建国")

    def test_only_the_allowed_regions(self):
        text = b"".join(write_ledger("csv", allowed_region_codes=["420107"])).decode("utf-8-sig")
        self.assertIn("青和居社区天天敲门组", text)
        self.assertNotIn("东亭社区七宝巡逻队", text)


def twin_region(region):
    return type(region).objects.get(
        translation_key=region.translation_key,
        locale=Locale.objects.get(language_code="zh-hant"),
    )
