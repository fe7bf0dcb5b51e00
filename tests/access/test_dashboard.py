"""The admin dashboard (docs/editors.md, "The dashboard"): notices ending this week,
ratings expiring within 90 days, objections awaiting an outcome and items waiting for
review, each narrowed to the editor's regions; the bureau sees them all."""

import datetime
import re

from django.urls import reverse

from core.dates import today
from disclosure.models import NoticePage, Objection
from tests.access.world import fresh, member
from tests.disclosure.objection_helpers import on_day
from tests.shared_world import ScopedWorldTestCase


def panel(response, heading):
    """The text of the dashboard panel under `heading`, or None when it is not shown."""
    content = response.content.decode()
    start = content.find(f">{heading}<")
    if start < 0:
        start = content.find(heading)
        if start < 0:
            return None
    end = content.find("</section>", start)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content[start:end]))


class DashboardTests(ScopedWorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        notices = cls.world["notices"]
        day = today()
        # 钢花村街道's exit notice: open now and ending in two days (both scripts' rows).
        NoticePage.objects.filter(translation_key=notices["exit"].translation_key).update(
            starts_on=day - datetime.timedelta(days=4), ends_on=day + datetime.timedelta(days=2)
        )
        Objection.objects.create(
            notice=notices["change"], reference="20260101-AAAAA", content="请核实。", name="王"
        )
        Objection.objects.create(
            notice=notices["exit"], reference="20260101-BBBBB", content="请核实。", name="李"
        )
        Objection.objects.create(
            notice=notices["change"],
            reference="20260101-CCCCC",
            content="请核实。",
            name="张",
            outcome="已核实，变更经成员大会表决通过。",
        )
        cls.superuser = member("admin", is_superuser=True, is_staff=True)
        # Both waiting for the review workflow: a street's organization and another's.
        for key, by in (("qibao", "shuiguohu"), ("wudao", None)):
            page = cls.world["orgs"][key]
            user = cls.world["users"][by] if by else cls.superuser
            page.title = page.title + "（待审）"
            revision = page.save_revision(user=user)
            page.get_workflow().start(page, user)
            assert revision.content_object.workflow_in_progress

    def dashboard(self, who):
        user = self.world["users"][who] if isinstance(who, str) else who
        self.client.force_login(fresh(user))
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return response

    def test_notices_ending_this_week_are_the_editors_own(self):
        own = self.dashboard("shuiguohu")
        listed = panel(own, "本周结束公示期的公示")
        self.assertIn("关于东亭社区七宝巡逻队负责人变更的公示", listed)
        self.assertNotIn("广场舞蹈队终止活动", listed)
        # Ended long ago, or not in its period: not listed for anyone.
        bureau = panel(self.dashboard("bureau"), "本周结束公示期的公示")
        self.assertIn("关于东亭社区七宝巡逻队负责人变更的公示", bureau)
        self.assertIn("关于青和居社区广场舞蹈队终止活动的公示", bureau)
        self.assertNotIn("备案的公示", bureau)
        self.assertNotIn("撤销", bureau)
        self.assertIn("共 2 项", bureau)

    def test_ratings_expiring_within_90_days(self):
        # The world's ratings were given 300 days ago and last two years: 370 days on,
        # 60 days remain.
        with on_day(today() + datetime.timedelta(days=370)):
            own = panel(self.dashboard("shuiguohu"), "90天内到期的星级评估")
            bureau = panel(self.dashboard("bureau"), "90天内到期的星级评估")
        self.assertIn("东亭社区七宝巡逻队", own)
        self.assertIn("水果湖街道社区社会组织联合会", own)
        self.assertNotIn("天天敲门组", own)
        self.assertIn("天天敲门组", bureau)
        # The satisfaction survey is not a rating; the expired one is not current.
        self.assertNotIn("养生保健协会", bureau)
        self.assertIn("共 3 项", bureau)
        # Today, they have more than 90 days left.
        self.assertIn(
            "90天内没有到期的星级评估", panel(self.dashboard("bureau"), "90天内到期的星级评估")
        )

    def test_objections_awaiting_an_outcome(self):
        own = panel(self.dashboard("shuiguohu"), "待处理的异议")
        self.assertIn("20260101-AAAAA", own)
        self.assertNotIn("20260101-BBBBB", own)  # another street's notice
        self.assertNotIn("20260101-CCCCC", own)  # has its outcome
        bureau = panel(self.dashboard("bureau"), "待处理的异议")
        self.assertIn("20260101-BBBBB", bureau)
        self.assertNotIn("20260101-CCCCC", bureau)

    def test_waiting_for_review_is_the_editors_street(self):
        own = panel(self.dashboard("shuiguohu"), "等待审核")
        self.assertIn("东亭社区七宝巡逻队（待审）", own)
        self.assertNotIn("广场舞蹈队", own)
        self.assertIn("民政局审核", own)  # the task it waits in
        bureau = panel(self.dashboard("bureau"), "等待审核")
        self.assertIn("东亭社区七宝巡逻队（待审）", bureau)
        self.assertIn("青和居社区广场舞蹈队（待审）", bureau)

    def test_a_street_reviewer_reviews_their_street_only(self):
        """Wagtail's own "awaiting your review" lists what the user may approve: for a
        reviewer who is also a street's editor, their street's items."""
        both = member(
            "street-reviewer", self.world["groups"]["shuiguohu"], self.world["groups"]["bureau"]
        )
        content = self.dashboard(both).content.decode()
        awaiting = content[content.find('id="awaiting-review-section"') :]
        self.assertIn("东亭社区七宝巡逻队（待审）", awaiting)
        self.assertNotIn("广场舞蹈队（待审）", awaiting)
        bureau = self.dashboard("bureau").content.decode()
        self.assertIn("广场舞蹈队（待审）", bureau[bureau.find('id="awaiting-review-section"') :])

    def test_panels_follow_permissions(self):
        """A user who may not change notices, records or objections gets no such panel."""
        nobody = member("nobody", is_staff=True)
        from django.contrib.auth.models import Permission

        nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
        response = self.dashboard(nobody)
        for heading in ("本周结束公示期的公示", "90天内到期的星级评估", "待处理的异议"):
            self.assertIsNone(panel(response, heading), heading)
