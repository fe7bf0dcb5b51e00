"""Issue 10: an organization's status follows its notices, by date (orgs/lifecycle.py).

The calendar is frozen (tests.utils.frozen_day) at days around a notice's period; pages are
read in both scripts, as readers get them, with the world's demo-like data. Each step is
checked twice: derived on view before `advance_lifecycle` has run, and stored after."""

import datetime
import io
import re

from django.core.management import call_command
from django.urls import reverse

from core.dates import today
from core.scripts import convert
from disclosure.factories import NoticePageFactory
from disclosure.models import NoticeOrganization
from orgs.models import OrganizationPage, OrganizationStatusChange
from tests.orgs.test_admin_messages import form_data
from tests.orgs.world import EditorTestCase, ended_organization, listed, twin
from tests.shared_world import WorldTestCase
from tests.utils import frozen_day

BADGE = re.compile(r'<p class="profile__badges">\s*<span class="badge badge--(\w+)">([^<]+)</span>')
HISTORY = re.compile(r'<ol class="timeline status-history">(.*?)</ol>', re.S)

# A day well after every notice of the world (theirs are within ten days of today).
D0 = today() + datetime.timedelta(days=40)


def days(n):
    return D0 + datetime.timedelta(days=n)


class LifecyclePages:
    """Helpers for tests that publish notices and read pages in both scripts."""

    def notice(self, kind, org, starts, ends, slug, title=None, reference_number=""):
        page = NoticePageFactory(
            parent=self.world["sections"]["notices"],
            title=title or f"关于{org.title}的{kind}公示",
            slug=slug,
            kind=kind,
            starts_on=starts,
            ends_on=ends,
            reference_number=reference_number,
            live=False,
        )
        NoticeOrganization.objects.create(notice=page, organization=org)
        page.save_revision().publish()
        page.refresh_from_db()  # live now
        return page

    def get(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response.content.decode()

    def shown_status(self, org):
        """{script: the status code on the profile} for the page and its twin."""
        shown = {}
        for script, page in (("zh-hans", org), ("zh-hant", twin(org))):
            match = BADGE.search(self.get(page))
            self.assertIsNotNone(match, page.url)
            shown[script] = match.group(1)
        return shown

    def assert_shown(self, org, status):
        self.assertEqual(self.shown_status(org), {"zh-hans": status, "zh-hant": status})

    def assert_stored(self, org, status):
        """The status stored on the organization and its twin."""
        stored = set(
            OrganizationPage.objects.filter(translation_key=org.translation_key).values_list(
                "locale__language_code", "status"
            )
        )
        self.assertEqual(stored, {("zh-hans", status), ("zh-hant", status)})

    def advance(self):
        out = io.StringIO()
        call_command("advance_lifecycle", stdout=out)
        return out.getvalue()

    def directory(self, query="", script="zh-hans"):
        index = self.world["sections"]["orgs"]
        page = index if script == "zh-hans" else twin(index)
        return set(listed(self.client.get(page.url + query)))

    def history(self, page):
        match = HISTORY.search(self.get(page))
        self.assertIsNotNone(match, page.url)
        return match.group(1)


class LifecycleByDateTests(LifecyclePages, WorldTestCase):
    def test_an_exit_notice_makes_it_exiting_during_its_period_then_ceased(self):
        qiaomen = self.world["orgs"]["qiaomen"]
        with frozen_day(days(-1)):
            exit_notice = self.notice(
                "exit",
                qiaomen,
                days(0),
                days(6),
                "exit-qiaomen",
                "关于青和居社区天天敲门组终止活动的公示",
            )
            self.assert_stored(qiaomen, "active")  # upcoming: nothing yet
            self.assert_shown(qiaomen, "active")
            self.assertIn(qiaomen.title, self.directory())
            # (The world's own exit notice, 广场舞蹈队's, has ended by then.)
            self.assertNotIn(qiaomen.title, self.advance())
            self.assert_stored(qiaomen, "active")

        with frozen_day(days(0)):
            # The period has started; the command has not run: derived on view.
            self.assert_stored(qiaomen, "active")
            self.assert_shown(qiaomen, "exiting")
            self.assertNotIn(qiaomen.title, self.directory())
            self.assertIn(qiaomen.title, self.directory("?status=exiting"))
            self.assertIn(twin(qiaomen).title, self.directory("?status=exiting", "zh-hant"))
            self.assertNotIn(twin(qiaomen).title, self.directory("", "zh-hant"))
            out = self.advance()
            self.assertIn(f"{qiaomen.title}：status 活动中（active） → 退出公示中（exiting）", out)
            self.assert_stored(qiaomen, "exiting")
            self.assert_shown(qiaomen, "exiting")

        with frozen_day(days(6)):  # the last day of the period
            self.assert_shown(qiaomen, "exiting")

        with frozen_day(days(7)):
            self.assert_stored(qiaomen, "exiting")
            self.assert_shown(qiaomen, "exited")
            wudao = self.world["orgs"]["wudao"]  # the world's exit notice has ended too
            self.assertEqual(
                self.directory("?status=exited&district=420107"), {qiaomen.title, wudao.title}
            )
            self.assertIn("1 个组织", self.advance())
            self.assert_stored(qiaomen, "exited")
            self.assert_shown(qiaomen, "exited")
            # Idempotent: nothing left to do, however often it runs.
            self.assertIn("0 个组织", self.advance())
            self.assertIn("0 个组织", self.advance())
            self.assert_stored(qiaomen, "exited")

            # The history, newest first, each step with its notice in the reader's script.
            for page, notice, ceased in (
                (qiaomen, exit_notice, "已终止"),
                (twin(qiaomen), twin(exit_notice), "已終止"),
            ):
                history = self.history(page)
                self.assertEqual(history.count(f'href="{notice.url}"'), 2, history)
                self.assertLess(history.index(ceased), history.index("退出公示中"))
                self.assertIn(days(7).strftime("%Y-%m-%d"), history)
                self.assertIn(days(0).strftime("%Y-%m-%d"), history)

    def test_a_revocation_notice_ends_in_a_revoked_filing(self):
        moxiang = self.world["orgs"]["moxiang"]
        with frozen_day(days(0)):
            self.notice("revocation", moxiang, days(-3), days(4), "revoke-moxiang")
            self.assert_stored(moxiang, "exiting")  # published in its period: at once
            self.assert_shown(moxiang, "exiting")
        with frozen_day(days(5)):
            self.assert_shown(moxiang, "revoked")
            self.assertEqual(
                self.directory("?status=revoked&district=420106&category=wenti-huodong"),
                {moxiang.title},
            )
            self.advance()
            self.assert_stored(moxiang, "revoked")

    def test_a_registered_organization_that_exits_is_deregistered(self):
        hub = self.world["orgs"]["hub"]
        with frozen_day(days(20)):
            self.notice("exit", hub, days(0), days(9), "exit-hub")
            self.assert_stored(hub, "deregistered")
            self.assert_shown(hub, "deregistered")

    def test_a_filing_notice_makes_it_active_with_the_filing_number_and_date(self):
        # An organization entered as ended (an import of the ledger) files again.
        org = ended_organization(self.world)
        self.assert_stored(org, "exited")
        number = "青山钢备字〔2026〕第21号"
        with frozen_day(days(0)):
            self.notice("filing", org, days(-9), days(-3), "filing-linli", reference_number=number)
            self.assert_stored(org, "active")
            self.assert_shown(org, "active")
        org.refresh_from_db()
        copy = twin(org)
        self.assertEqual((org.filing_number, org.filed_on), (number, days(-9)))
        self.assertEqual((copy.filing_number, copy.filed_on), (convert(number), days(-9)))
        self.assertIn("備", copy.filing_number)
        with frozen_day(days(0)):
            self.assertIn(number, self.history(org))
            self.assertIn(convert(number), self.history(copy))
            # Published again later as it was (a stale revision's values): still the notice's.
            org.save_revision().publish()
            org.refresh_from_db()
            self.assertEqual((org.filing_number, org.status), (number, "active"))

    def test_a_change_notice_is_kept_in_the_history_with_what_changed(self):
        qibao = self.world["orgs"]["qibao"]
        change = self.world["notices"]["change"]  # 关于东亭社区七宝巡逻队负责人变更的公示
        with frozen_day(days(0)):
            self.assert_stored(qibao, "active")
            for page, notice, what in (
                (qibao, change, "负责人变更"),
                (twin(qibao), twin(change), "負責人變更"),
            ):
                history = self.history(page)
                self.assertIn(what, history)
                self.assertIn(f'href="{notice.url}"', history)
        row = OrganizationStatusChange.objects.get(notice=change)
        self.assertEqual((row.status, row.note), ("", "负责人变更"))

    def test_a_withdrawn_notice_no_longer_decides(self):
        qiaomen = self.world["orgs"]["qiaomen"]
        with frozen_day(days(10)):
            notice = self.notice("exit", qiaomen, days(0), days(6), "exit-qiaomen")
            self.assert_stored(qiaomen, "exited")
            notice.unpublish()
            self.assert_stored(qiaomen, "active")  # as it was entered
            self.assert_shown(qiaomen, "active")
            self.assertFalse(OrganizationStatusChange.objects.filter(notice=notice).exists())

    def test_a_notice_published_again_with_another_period_moves_the_steps(self):
        qiaomen = self.world["orgs"]["qiaomen"]
        with frozen_day(days(3)):
            notice = self.notice("exit", qiaomen, days(0), days(6), "exit-qiaomen")
            self.assert_stored(qiaomen, "exiting")
            notice.starts_on, notice.ends_on = days(5), days(11)
            notice.save_revision().publish()
            self.assert_stored(qiaomen, "active")
        with frozen_day(days(12)):
            self.assert_shown(qiaomen, "exited")


class LifecycleAdminTests(LifecyclePages, EditorTestCase):
    """The status is not the editor's to set: the form shows it, since when and why."""

    def edit_url(self, org):
        return reverse("wagtailadmin_pages:edit", args=[org.pk])

    def test_the_form_shows_the_status_and_links_the_notice_that_decided_it(self):
        yangsheng = self.world["orgs"]["yangsheng"]
        revocation = self.world["notices"]["revocation"]
        response = self.client.get(self.edit_url(yangsheng))
        content = response.content.decode()
        self.assertNotIn('name="status"', content)
        self.assertIn("<strong>已撤销备案</strong>", content)
        self.assertIn(f'href="{self.edit_url(revocation)}"', content)
        self.assertIn(revocation.title, content)

    def test_a_status_posted_by_hand_is_refused(self):
        yangsheng = self.world["orgs"]["yangsheng"]
        data = form_data(yangsheng, status="active")
        data["action-publish"] = "1"
        response = self.client.post(self.edit_url(yangsheng), data)
        self.assertEqual(response.status_code, 302)
        self.assert_stored(yangsheng, "revoked")
        self.assert_shown(yangsheng, "revoked")

    def test_filing_number_and_date_follow_the_filing_notice(self):
        qibao = self.world["orgs"]["qibao"]
        filing = self.world["notices"]["filing"]
        content = self.client.get(self.edit_url(qibao)).content.decode()
        field = re.search(r'<input[^>]*name="filing_number"[^>]*>', content).group(0)
        self.assertIn("disabled", field)
        self.assertIn(f"由备案公示《{filing.title}》决定", content)
        data = form_data(qibao, filing_number="武昌水备字〔2026〕第99号", filed_on="2026-01-01")
        data["action-publish"] = "1"
        self.assertEqual(self.client.post(self.edit_url(qibao), data).status_code, 302)
        qibao.refresh_from_db()
        self.assertEqual(qibao.filed_on, filing.starts_on)
        self.assertNotEqual(qibao.filing_number, "武昌水备字〔2026〕第99号")

    def test_a_new_organization_starts_active_and_says_how_its_status_will_change(self):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        content = self.client.get(url).content.decode()
        self.assertNotIn('name="status"', content)
        self.assertIn("新建组织的状态", content)
