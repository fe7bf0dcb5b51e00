"""Issue 10: funding and evaluation records are reviewed before they are public. A street
editor saves a draft and submits it to the bureau's review workflow (民政局审核); a reviewer
approves, which publishes. Until then readers see nothing of it, nor of a draft change to
a live record: pages, tables, the API and the search in both scripts (docs/editors.md)."""

import json
import re
from decimal import Decimal

from django.urls import reverse

from core.dates import today
from core.scripts import convert
from core.templatetags.site_tags import money
from disclosure.models import FundingRecord
from publishing.models import Correction
from tests.access.world import member
from tests.orgs.world import twin
from tests.shared_world import ScopedWorldTestCase

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
TITLE = "东亭社区反诈宣传项目"
LIVE_GRANT = "东亭社区夜间平安巡逻项目"  # the world's, live, 48000 yuan


def search_hits(content):
    """The text of the search page's hits (the page also repeats the query)."""
    found = re.search(r'<ol class="hit-list".*?</ol>', content, re.S)
    return re.sub(r"<[^>]+>", "", found.group(0)) if found else ""


def record_form(organization, title=TITLE, amount="5000", **actions):
    return {
        "organization": organization.pk,
        "project_title": title,
        "source_kind": "subsidy",
        "funder": "武昌区民政局",
        "amount": amount,
        "year": today().year,
        "awarded_on": "",
        "round": "",
        "notice": "",
        **actions,
    }


class ReviewTestCase(ScopedWorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world["users"]["zhonghua"] = member("zhonghua-editor", cls.world["groups"]["zhonghua"])

    def login(self, who):
        self.client.force_login(self.world["users"][who])

    def read(self, url, **query):
        response = self.client.get(url, query)
        self.assertEqual(response.status_code, 200, url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content = body.decode("utf-8-sig")
        if response.get("Content-Type", "").startswith("application/json"):
            content = json.dumps(json.loads(content), ensure_ascii=False)
        return content

    def public_views(self, text):
        """{where: whether a reader finds `text` there}, in the reader's script."""
        qibao = self.world["orgs"]["qibao"]
        disclosure = self.world["sections"]["disclosure"]
        self.client.logout()
        found = {
            "profile": text in self.read(qibao.url),
            "profile zh-hant": convert(text) in self.read(twin(qibao).url),
            "funding table": text in self.read(f"{disclosure.url}funding/"),
            "funding table zh-hant": convert(text) in self.read(f"{twin(disclosure).url}funding/"),
            "funding csv": text in self.read(f"{disclosure.url}funding/", format="csv"),
            "api": text in self.read("/api/v1/funding/"),
            "search": text in search_hits(self.read("/zh-hans/search/", q=text)),
            "search zh-hant": convert(text)
            in search_hits(self.read("/zh-hant/search/", q=convert(text))),
        }
        return found

    def assert_public(self, text):
        found = self.public_views(text)
        self.assertEqual(found, dict.fromkeys(found, True))

    def assert_not_public(self, text):
        found = self.public_views(text)
        self.assertEqual(found, dict.fromkeys(found, False))

    def edit_url(self, record):
        return reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[record.pk])

    def approve(self, record):
        record.refresh_from_db()
        task_state = record.current_workflow_task_state
        self.assertIsNotNone(task_state, "not in review")
        self.login("bureau")
        url = reverse(
            "wagtailsnippets_disclosure_fundingrecord:workflow_action",
            args=[record.pk, "approve", task_state.pk],
        )
        response = self.client.post(url, {"comment": "同意公开。"})
        self.assertIn(response.status_code, (200, 302))
        record.refresh_from_db()


class RecordReviewTests(ReviewTestCase):
    def test_a_street_editors_record_is_public_only_once_a_reviewer_approves_it(self):
        self.login("shuiguohu")
        qibao = self.world["orgs"]["qibao"]
        add = reverse("wagtailsnippets_disclosure_fundingrecord:add")
        self.assertEqual(self.client.post(add, record_form(qibao)).status_code, 302)
        record = FundingRecord.objects.get(project_title=TITLE)
        self.assertFalse(record.live)
        self.assert_not_public(TITLE)

        self.login("shuiguohu")
        submitted = self.client.post(
            self.edit_url(record), record_form(qibao, **{"action-submit": "1"})
        )
        self.assertEqual(submitted.status_code, 302)
        record.refresh_from_db()
        self.assertEqual(record.current_workflow_task.name, "民政局审核")
        self.assertFalse(record.live)
        self.assert_not_public(TITLE)

        self.approve(record)
        self.assertTrue(record.live)
        self.assert_public(TITLE)

    def test_a_draft_change_to_a_live_record_waits_for_approval(self):
        grant = FundingRecord.objects.get(project_title=LIVE_GRANT)
        qibao = self.world["orgs"]["qibao"]
        old, new = money(Decimal("48000")), money(Decimal("88888"))
        self.assertTrue(self.public_views(old)["profile"])
        self.login("shuiguohu")
        response = self.client.post(
            self.edit_url(grant),
            record_form(
                qibao,
                title=LIVE_GRANT,
                amount="88888",
                correction_reason="拨付凭证核对后更正金额。",  # a published amount changes
                **{"action-submit": "1"},
            ),
        )
        self.assertEqual(response.status_code, 302)
        grant.refresh_from_db()
        # Wagtail keeps the live version on the row and the draft in the revision.
        self.assertEqual(grant.amount, Decimal("48000"))
        self.assertTrue(grant.has_unpublished_changes)
        self.assertEqual(grant.get_latest_revision_as_object().amount, Decimal("88888"))
        shown = self.public_views(new)
        self.assertFalse(shown["profile"] or shown["profile zh-hant"] or shown["funding table"])
        self.assertFalse("88888" in self.read("/api/v1/funding/"))
        self.assertTrue(self.public_views(old)["profile"])

        self.assertFalse(Correction.objects.exists())  # not before it is published
        self.approve(grant)
        self.assertEqual(grant.amount, Decimal("88888"))
        self.assertFalse(grant.has_unpublished_changes)
        # The reason travelled with the draft through review into the public correction.
        amount = Correction.objects.get(label="金额（元）")
        self.assertEqual((amount.after, amount.reason), ("88,888.00", "拨付凭证核对后更正金额。"))
        shown = self.public_views(new)
        self.assertTrue(shown["profile"] and shown["profile zh-hant"] and shown["funding table"])
        self.assertIn("88888", self.read("/api/v1/funding/"))


class RecordPermissionTests(ReviewTestCase):
    def test_a_street_editor_saves_drafts_and_submits_and_cannot_publish(self):
        self.login("shuiguohu")
        qibao = self.world["orgs"]["qibao"]
        add = reverse("wagtailsnippets_disclosure_fundingrecord:add")
        form = self.client.get(add)
        self.assertContains(form, "action-submit")
        self.assertNotContains(form, 'name="action-publish"')
        # Posting "publish" anyway saves a draft.
        response = self.client.post(add, record_form(qibao, **{"action-publish": "1"}))
        self.assertEqual(response.status_code, 302)
        record = FundingRecord.objects.get(project_title=TITLE)
        self.assertFalse(record.live)
        unpublish = reverse(
            "wagtailsnippets_disclosure_fundingrecord:unpublish",
            args=[FundingRecord.objects.get(project_title=LIVE_GRANT).pk],
        )
        self.assertEqual(self.client.post(unpublish, **AJAX).status_code, 403)
        self.assertTrue(FundingRecord.objects.get(project_title=LIVE_GRANT).live)

    def test_a_reviewer_publishes(self):
        self.login("bureau")
        edit = self.client.get(self.edit_url(FundingRecord.objects.get(project_title=LIVE_GRANT)))
        self.assertContains(edit, 'name="action-publish"')
        add = reverse("wagtailsnippets_disclosure_fundingrecord:add")
        qibao = self.world["orgs"]["qibao"]
        self.client.post(add, record_form(qibao, **{"action-publish": "1"}))
        self.assertTrue(FundingRecord.objects.get(project_title=TITLE).live)
        self.assertTrue(self.public_views(TITLE)["profile"])

    def test_another_streets_editor_is_refused(self):
        grant = FundingRecord.objects.get(project_title=LIVE_GRANT)
        self.login("zhonghua")
        self.assertEqual(self.client.get(self.edit_url(grant), **AJAX).status_code, 403)
        refused = self.client.post(
            self.edit_url(grant),
            record_form(self.world["orgs"]["qibao"], title=LIVE_GRANT, amount="1"),
            **AJAX,
        )
        self.assertEqual(refused.status_code, 403)
        grant.refresh_from_db()
        self.assertIsNone(grant.latest_revision)
