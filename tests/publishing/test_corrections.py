"""Public corrections (更正说明): a published amount, rating, date, code or notice does not
change silently. The admin refuses the change without a reason; publishing it writes the
correction, and the public pages show "已更正" with the date, before → after and the
reason, in both scripts (docs/corrections.md)."""

import datetime
import html
import re
from decimal import Decimal

from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

from disclosure.models import EvaluationRecord, FundingRecord
from publishing.models import Correction
from tests.disclosure.announcements import section
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
    """A funding record edited by a street editor: a record has no drafts, its save is
    its publish."""

    def setUp(self):
        super().setUp()
        self.grant = FundingRecord.objects.get(project_title="东亭社区夜间平安巡逻项目")
        self.url = reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[self.grant.pk])

    def post(self, **fields):
        return self.client.post(self.url, funding_form(self.grant, **fields))

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
                    self.assertIn(f"{label}：48,000.00 → 50,000.00", shown)
                    self.assertIn(reason, shown)

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
        }
        refused = self.client.post(url, data)
        self.assertIn("已公开的星级有改动，请填写更正说明", refused.content.decode())
        data["correction_reason"] = "评估机构复核后更正为3星。"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        correction = Correction.objects.get()
        self.assertEqual((correction.before, correction.after), ("2星", "3星"))
