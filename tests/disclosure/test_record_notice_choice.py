"""A funding or evaluation record names the notice that announced it: a zh-hans notice of
the record's kind, chosen in the admin among those only."""

import html
import json
import re

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.dates import today
from disclosure.models import EvaluationRecord, FundingRecord
from tests.disclosure.announcements import announce, body_rows
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase
from tests.utils import editor_user


class NoticeChoiceTests(WorldTestCase):
    """A record's notice must be of the record's kind, in the editors' script."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.funding, cls.evaluation = announce(cls.world)
        cls.grant = FundingRecord.objects.get(project_title="东亭社区夜间平安巡逻项目")
        cls.rating = EvaluationRecord.objects.filter(notice=cls.evaluation).first()

    def messages(self, record):
        with self.assertRaises(ValidationError) as raised:
            record.full_clean()
        return raised.exception.message_dict

    def test_the_notice_of_the_records_kind_is_accepted(self):
        self.grant.full_clean()
        self.rating.full_clean()

    def test_a_notice_of_another_kind_is_refused(self):
        self.grant.notice = self.evaluation
        self.assertEqual(
            self.messages(self.grant),
            {"notice": ["所选公示不是资助公示：请选择公布这笔资助的资助公示。"]},
        )
        self.rating.notice = self.world["notices"]["change"]
        self.assertEqual(
            self.messages(self.rating),
            {"notice": ["所选公示不是评估结果公示：请选择公布这次评估结果的评估结果公示。"]},
        )

    def test_a_traditional_twin_is_refused(self):
        self.grant.notice = twin(self.funding)
        self.assertEqual(
            self.messages(self.grant), {"notice": ["请选择简体中文的公示：繁体版由系统自动同步。"]}
        )


class NoticeChooserTests(WorldTestCase):
    """The notice field of a record, as a street editor meets it: a chooser of the
    zh-hans notices of the record's kind; a wrong notice posted anyway is a form error."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.funding, cls.evaluation = announce(cls.world)
        cls.editor = editor_user(cls.world["sections"]["home"])

    def setUp(self):
        self.client.force_login(self.editor)

    def chooser_rows(self, model, query=""):
        """Open the notice chooser of `model`'s form as its widget does; the rows."""
        form = self.client.get(reverse(f"wagtailsnippets_disclosure_{model}:add"))
        self.assertEqual(form.status_code, 200)
        source = html.unescape(form.content.decode())
        found = re.search(r'new \w+\("id_notice", (\{.*?\})\);', source)
        self.assertIsNotNone(found, "no chooser for the notice")
        modal = self.client.get(json.loads(found.group(1))["modalUrl"])
        self.assertEqual(modal.status_code, 200)
        search_form = re.search(
            r"<form[^>]*data-chooser-modal-search[^>]*>", json.loads(modal.content)["html"]
        )
        self.assertIsNotNone(search_form, "the chooser has no search box")
        action = html.unescape(re.search(r'action="([^"]+)"', search_form.group(0)).group(1))
        results = self.client.get(action, {"q": query})
        self.assertEqual(results.status_code, 200)
        return body_rows(results.content.decode())

    def test_each_record_offers_the_simplified_notices_of_its_kind(self):
        for model, notice in (
            ("fundingrecord", self.funding),
            ("evaluationrecord", self.evaluation),
        ):
            with self.subTest(model):
                rows = self.chooser_rows(model)
                self.assertEqual(len(rows), 1, rows)
                self.assertIn(notice.title, rows[0])
                self.assertIn(notice.reference_number, rows[0])
                self.assertIn(notice.issuer, rows[0])
                self.assertEqual(self.chooser_rows(model, "民社 2026"), rows)
                self.assertEqual(self.chooser_rows(model, "备案"), [])

    def test_the_chosen_notice_shows_its_reference_number(self):
        grant = FundingRecord.objects.get(project_title="东亭社区夜间平安巡逻项目")
        response = self.client.get(
            reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[grant.pk])
        )
        self.assertContains(response, "武昌区社区服务项目资助公示（武昌民社〔2026〕12号）")

    def test_posting_a_notice_of_another_kind_is_a_form_error(self):
        qibao = self.world["orgs"]["qibao"]
        response = self.client.post(
            reverse("wagtailsnippets_disclosure_fundingrecord:add"),
            {
                "organization": qibao.pk,
                "project_title": "东亭社区反诈宣传项目",
                "source_kind": "subsidy",
                "funder": "武昌区民政局",
                "amount": "5000",
                "year": today().year,
                "awarded_on": "",
                "round": "",
                "notice": self.evaluation.pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "所选公示不是资助公示")
        self.assertFalse(
            FundingRecord.objects.filter(project_title="东亭社区反诈宣传项目").exists()
        )
