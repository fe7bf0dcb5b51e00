"""Item: one problem, one message. A street editor (not a superuser) submits the
organization form with a mistake the form itself catches (a date that is not a date, a
code longer than the field); the field says so once, and nothing else on the page repeats
or contradicts it (clean() used to add "必须填写…" for the value the form had refused)."""

import html
import re

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.orgs.world import EditorTestCase


def field_errors(response, field):
    """The messages shown under `field` on a Wagtail edit form."""
    page = response.content.decode()
    block = re.search(
        r'<div class="w-field__errors"[^>]*id="[^"]*-child-' + field + r'-errors">(.*?)</div>',
        page,
        re.S,
    )
    assert block, f"no error block for {field}"
    messages = re.findall(r'<p class="error-message">(.*?)</p>', block.group(1), re.S)
    return [html.unescape(re.sub(r"\s+", " ", m)).strip() for m in messages]


def form_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "short_name": page.short_name,
        "management": page.management,
        "status": page.status,
        "credit_code": page.credit_code,
        "filing_number": page.filing_number,
        "founded_on": page.founded_on or "",
        "filed_on": page.filed_on or "",
        "category": page.category_id,
        "tags": "",
        "region": page.region_id,
        "hub": page.hub_id or "",
        "leader_name": page.leader_name,
        "contact_phone": page.contact_phone,
        "address": page.address,
        "member_count": page.member_count,
        "volunteer_count": page.volunteer_count,
        "description": rich_text(""),
        "archive_documents": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class OneMessagePerProblemTests(EditorTestCase):
    def assert_shown_once(self, response, field, message):
        self.assertEqual(response.status_code, 200)
        self.assertEqual(field_errors(response, field), [message])
        self.assertEqual(response.content.decode().count(message), 1, message)

    def test_a_filing_date_that_is_not_a_date(self):
        # 墨香书画社 is managed by its community; the editor records its filing.
        moxiang = self.world["orgs"]["moxiang"]
        for action in ({}, {"action-publish": "1"}):
            data = form_data(
                moxiang,
                management="filed",
                filing_number="武昌水备字〔2026〕第1号",
                filed_on="2026-13-45",
                **action,
            )
            response = self.client.post(reverse("wagtailadmin_pages:edit", args=[moxiang.pk]), data)
            self.assert_shown_once(response, "filed_on", "输入一个有效的日期。")
            self.assertNotContains(response, "必须填写备案日期")

    def test_a_credit_code_typed_too_long(self):
        hub = self.world["orgs"]["hub"]
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        data = form_data(
            hub,
            title="新登记的测试协会",
            slug="new-registered",
            credit_code=hub.credit_code + "123",
            hub="",
        )
        response = self.client.post(url, data)
        self.assert_shown_once(
            response, "credit_code", "确保该变量包含不超过 18 字符 (目前字符数 21)。"
        )
        self.assertNotContains(response, "必须填写统一社会信用代码")

    def test_a_filing_number_typed_too_long(self):
        qibao = self.world["orgs"]["qibao"]
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        data = form_data(
            qibao, title="新备案的测试队", slug="new-filed", filing_number="备" * 65, hub=""
        )
        response = self.client.post(url, data)
        self.assert_shown_once(
            response, "filing_number", "确保该变量包含不超过 64 字符 (目前字符数 65)。"
        )
        self.assertNotContains(response, "必须填写备案编号")

    def test_problems_the_form_cannot_see_are_still_reported_once(self):
        # A real clean() finding, for contrast: the check must not have been switched off.
        # 天天敲门组 has no filing notice, so its filing number and date are the editor's
        # (a filing notice's organization has them from the notice: orgs/lifecycle.py).
        qiaomen = self.world["orgs"]["qiaomen"]
        other = self.world["orgs"]["yangsheng"]
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[qiaomen.pk]),
            form_data(qiaomen, filing_number=other.filing_number, founded_on="2021-01-01"),
        )
        self.assert_shown_once(
            response,
            "filing_number",
            f"备案编号 {other.filing_number} 已被“{other.title}”使用。",
        )
        self.assert_shown_once(response, "filed_on", "备案日期不能早于成立日期。")
