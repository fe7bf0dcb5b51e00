"""Public corrections (更正说明): a published amount, rating, date, code or notice does not
change silently. The admin refuses the change without a reason; publishing it writes the
correction, and the public pages show "已更正" with the date, before → after and the
reason, in both scripts (docs/corrections.md)."""

import datetime
import html
import re
from decimal import Decimal

from django.test import SimpleTestCase
from django.urls import reverse

from disclosure.models import EvaluationRecord, FundingRecord, NoticeOrganization
from publishing.corrections import shortened
from publishing.models import Correction
from tests.orgs.world import EditorTestCase, organization_form, twin

REASON = "录入有误：实际拨付金额为50,000元，以拨付凭证为准。"
REFUSED = "已公开的金额（元）有改动，请填写更正说明"


def text(content):
    """The page's text without tags or spaces."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", content)))


def funding_form(record, **fields):
    data = {
        "organization": record.organization_id,
        "project_title": record.project_title,
        "source_kind": record.source_kind,
        "funder": record.funder,
        "amount": str(record.amount),
        "year": str(record.year),
        "awarded_on": record.awarded_on.isoformat() if record.awarded_on else "",
        "round": record.round,
        "notice": record.notice_id or "",
        "correction_reason": "",
    }
    data.update(fields)
    return data


class RecordCorrectionTests(EditorTestCase):
    """A funding record edited and published by a street editor who may publish records
    (tests.utils.editor_user): the publish makes the correction."""

    def setUp(self):
        super().setUp()
        self.grant = FundingRecord.objects.get(project_title="东亭社区夜间平安巡逻项目")
        self.url = reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[self.grant.pk])

    def post(self, **fields):
        return self.client.post(
            self.url, {**funding_form(self.grant, **fields), "action-publish": "action-publish"}
        )

    def test_changing_a_public_amount_without_a_reason_is_refused(self):
        response = self.post(amount="50000")
        self.assertEqual(response.status_code, 200)
        self.assertIn(REFUSED, response.content.decode())
        self.grant.refresh_from_db()
        self.assertEqual(self.grant.amount, Decimal("48000"))
        self.assertFalse(Correction.objects.exists())

    def test_with_a_reason_the_change_is_published_and_shown_in_both_scripts(self):
        response = self.post(amount="50000", correction_reason=REASON)
        self.assertEqual(response.status_code, 302)
        self.grant.refresh_from_db()
        self.assertEqual(self.grant.amount, Decimal("50000"))
        self.assertEqual(self.grant.correction_reason, "")  # used: the next change needs its own
        correction = Correction.objects.get()
        self.assertEqual(
            (correction.label, correction.before, correction.after, correction.reason),
            ("金额（元）", "48,000.00", "50,000.00", REASON),
        )
        qibao = self.world["orgs"]["qibao"]
        disclosure = self.world["sections"]["disclosure"]
        for pick, corrected, label, reason in (
            (lambda page: page, "已更正", "金额（元）", REASON),
            (
                twin,
                "已更正",
                "金額（元）",
                "錄入有誤：實際撥付金額為50,000元，以撥付憑證為準。",
            ),
        ):
            for url in (pick(qibao).url, f"{pick(disclosure).url}funding/"):
                with self.subTest(url=url):
                    page = self.client.get(url)
                    self.assertEqual(page.status_code, 200)
                    shown = text(page.content.decode())
                    self.assertIn(corrected, shown)
                    self.assertIn(f"{label}：48,000.00→50,000.00", shown)
                    self.assertIn(reason, shown)

    def test_the_api_and_the_exports_carry_the_history(self):
        self.assertEqual(self.post(amount="50000", correction_reason=REASON).status_code, 302)
        line = f"金额（元）：48,000.00 → 50,000.00（说明：{REASON}）"
        rows = self.client.get("/api/v1/funding/").json()["results"]
        grant = next(row for row in rows if row["id"] == self.grant.pk)
        self.assertIn(line, grant["corrections"])
        self.assertIsNotNone(grant["corrected_at"])
        other = next(row for row in rows if row["id"] != self.grant.pk)
        self.assertEqual((other["corrections"], other["corrected_at"]), ("", None))

        corrections = self.client.get("/api/v1/corrections/?kind=fundingrecord").json()
        self.assertEqual(corrections["count"], 1)
        row = corrections["results"][0]
        self.assertEqual(
            (row["kind"], row["object_id"], row["label"], row["before"], row["after"]),
            ("fundingrecord", str(self.grant.pk), "金额（元）", "48,000.00", "50,000.00"),
        )
        self.assertEqual(row["reason"], REASON)
        self.assertTrue(row["url"].endswith(self.world["orgs"]["qibao"].url))
        self.assertEqual(self.client.get("/api/v1/corrections/?kind=noticepage").json()["count"], 0)
        traditional = self.client.get("/api/v1/corrections/?lang=zh-hant").json()["results"]
        self.assertEqual(traditional[0]["label"], "金額（元）")
        self.assertEqual(self.client.get("/api/v1/corrections/?kind=nothing").status_code, 400)

        disclosure = self.world["sections"]["disclosure"]
        report = self.client.get(reverse("publishing_corrections")).content.decode()
        self.assertIn("48,000.00", report)  # the admin's report of every correction
        self.assertIn(REASON, report)
        csv = self.client.get(f"{disclosure.url}funding/?format=csv")
        content = csv.getvalue().decode("utf-8-sig")
        self.assertIn("更正记录", content.splitlines()[0])
        self.assertIn(line, content)

    def test_an_untracked_field_needs_no_reason(self):
        response = self.post(round="第二批")
        self.assertEqual(response.status_code, 302)
        self.grant.refresh_from_db()
        self.assertEqual(self.grant.round, "第二批")
        self.assertFalse(Correction.objects.exists())
        page = self.client.get(self.world["orgs"]["qibao"].url).content.decode()
        self.assertNotIn("已更正", page)

    def test_a_new_record_needs_no_reason(self):
        data = funding_form(self.grant, project_title="新项目", amount="1000")
        response = self.client.post(reverse("wagtailsnippets_disclosure_fundingrecord:add"), data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(FundingRecord.objects.filter(project_title="新项目").exists())
        self.assertFalse(Correction.objects.exists())

    def test_a_rating_changed_in_the_admin_needs_a_reason(self):
        rating = EvaluationRecord.objects.get(
            organization=self.world["orgs"]["qiaomen"], kind="star"
        )
        url = reverse("wagtailsnippets_disclosure_evaluationrecord:edit", args=[rating.pk])
        data = {
            "organization": rating.organization_id,
            "kind": "star",
            "star_level": "3",
            "score": "",
            "evaluated_on": rating.evaluated_on.isoformat(),
            "valid_until": rating.valid_until.isoformat(),
            "evaluator": rating.evaluator,
            "notice": "",
            "correction_reason": "",
            "action-publish": "action-publish",
        }
        refused = self.client.post(url, data)
        self.assertIn("已公开的星级有改动，请填写更正说明", refused.content.decode())
        data["correction_reason"] = "评估机构复核后更正为3星。"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        correction = Correction.objects.get()
        self.assertEqual((correction.before, correction.after), ("2星", "3星"))


def organization_data(world, organization, **fields):
    """The admin edit form of `organization` as the browser posts it, unchanged but for
    `fields`."""
    data = {
        "title": organization.title,
        "slug": organization.slug,
        "management": organization.management,
        "credit_code": organization.credit_code,
        "filing_number": organization.filing_number,
        "founded_on": organization.founded_on.isoformat() if organization.founded_on else "",
        "filed_on": organization.filed_on.isoformat() if organization.filed_on else "",
        "category": organization.category_id,
        "region": organization.region_id,
        "leader_name": organization.leader_name,
        "contact_phone": organization.contact_phone,
        "member_count": str(organization.member_count),
        "volunteer_count": str(organization.volunteer_count),
        "correction_reason": "",
        **fields,
    }
    return organization_form(world, **data)


class OrganizationCorrectionTests(EditorTestCase):
    """An organization's filing date, through the admin's page editor: a draft changes
    nothing public; the publish does, with its correction."""

    def setUp(self):
        super().setUp()
        self.organization = self.world["orgs"]["qiaomen"]
        self.url = reverse("wagtailadmin_pages:edit", args=[self.organization.pk])

    def post(self, publish=True, **fields):
        data = organization_data(self.world, self.organization, **fields)
        if publish:
            data["action-publish"] = "1"
        return self.client.post(self.url, data)

    def profile_text(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return text(response.content.decode())

    def test_a_filing_date_changed_without_a_reason_is_refused(self):
        response = self.post(filed_on="2020-06-11")
        self.assertEqual(response.status_code, 200)
        self.assertIn("已公开的备案日期有改动，请填写更正说明", response.content.decode())
        self.assertFalse(Correction.objects.exists())

    def test_a_draft_is_no_correction_until_it_is_published(self):
        reason = "备案日期录入错误，以备案证书为准。"
        draft = self.post(publish=False, filed_on="2020-06-11", correction_reason=reason)
        self.assertEqual(draft.status_code, 302)
        self.assertFalse(Correction.objects.exists())
        self.assertNotIn("已更正", self.profile_text(self.organization))
        # The reviewer publishes the draft as it is: the reason comes with it.
        self.organization.refresh_from_db()
        self.assertTrue(self.organization.has_unpublished_changes)
        latest = self.organization.get_latest_revision()
        self.assertEqual(latest.as_object().correction_reason, reason)
        latest.publish()
        correction = Correction.objects.get()
        self.assertEqual(
            (correction.label, correction.before, correction.after, correction.reason),
            ("备案日期", "2020-06-01", "2020-06-11", reason),
        )
        for page, shown_reason in (
            (self.organization, reason),
            (twin(self.organization), "備案日期錄入錯誤，以備案證書為準。"),
        ):
            shown = self.profile_text(page)
            self.assertIn("已更正", shown)
            self.assertIn("2020-06-01→2020-06-11", shown)
            self.assertIn(shown_reason, shown)
        # The next edit starts without the reason that was used.
        form = self.client.get(self.url).content.decode()
        self.assertNotIn(
            reason, form.split('name="correction_reason"', 1)[1].split("</textarea>")[0]
        )
        self.assertIn("备案日期：2020-06-01 → 2020-06-11", form)  # the admin history panel

    def test_other_fields_and_a_new_organization_need_no_reason(self):
        self.assertEqual(self.post(leader_name="李明").status_code, 302)
        self.organization.refresh_from_db()
        self.assertEqual(self.organization.leader_name, "李明")
        created = self.client.post(
            reverse(
                "wagtailadmin_pages:add",
                args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
            ),
            {**organization_form(self.world), "action-publish": "1"},
        )
        self.assertEqual(created.status_code, 302)
        self.assertFalse(Correction.objects.exists())


class NoticeCorrectionTests(EditorTestCase):
    """A notice's period and organizations, changed by a draft that is then published."""

    def test_a_notice_corrected_on_publish_shows_it_in_both_scripts(self):
        notice = self.world["notices"]["change"]
        old_end = notice.ends_on
        draft = notice.get_latest_revision_as_object()
        draft.ends_on = old_end + datetime.timedelta(days=3)
        draft.notice_organizations.add(
            NoticeOrganization(organization=self.world["orgs"]["qiaomen"])
        )
        draft.correction_reason = "公示期不足七个工作日，延长三天；补列天天敲门组。"
        revision = draft.save_revision()
        self.assertFalse(Correction.objects.exists())  # a draft: readers see nothing new
        self.assertNotIn("已更正", text(self.client.get(notice.url).content.decode()))

        revision.publish()
        changes = {c.label: (c.before, c.after) for c in Correction.objects.all()}
        self.assertEqual(
            changes,
            {
                "公示结束日期": (old_end.isoformat(), draft.ends_on.isoformat()),
                "涉及组织": ("东亭社区七宝巡逻队", "东亭社区七宝巡逻队、青和居社区天天敲门组"),
            },
        )
        for page, label, reason in (
            (notice, "涉及组织", "公示期不足七个工作日，延长三天；补列天天敲门组。"),
            (twin(notice), "涉及組織", "公示期不足七個工作日，延長三天；補列天天敲門組。"),
        ):
            shown = text(self.client.get(page.url).content.decode())
            self.assertIn("已更正", shown)
            self.assertIn(f"{label}：", shown)
            self.assertIn(f"{old_end.isoformat()}→{draft.ends_on.isoformat()}", shown)
            self.assertIn(reason, shown)
        # Publishing again without a change writes nothing more.
        notice.refresh_from_db()
        notice.save_revision().publish()
        self.assertEqual(Correction.objects.count(), 2)


class LongTextTests(SimpleTestCase):
    def test_a_long_text_is_shown_as_the_passages_that_changed(self):
        before = "甲" * 100 + "公示期为七天" + "乙" * 100
        after = "甲" * 100 + "公示期为十天" + "乙" * 100
        old, new = shortened(before, after)
        self.assertIn("公示期为七天", old)
        self.assertIn("公示期为十天", new)
        self.assertTrue(old.startswith("…") and old.endswith("…"))
        self.assertLess(len(old), 40)
        self.assertEqual(shortened("短", "长"), ("短", "长"))
