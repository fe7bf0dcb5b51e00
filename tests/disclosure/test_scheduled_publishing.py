"""Issue 10: scheduled publishing end to end. A notice scheduled for its start date, and a
record scheduled likewise, are published by `manage.py publish_scheduled` (Wagtail's
command, run from a timer: README) once the day has come, through the publish pipeline:
the zh-hant twin, the search, and the organization's status from a filing notice. The
calendar is frozen (tests.utils.frozen_day)."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from core.dates import today
from core.scripts import convert
from disclosure.factories import FundingRecordFactory, NoticePageFactory
from disclosure.models import FundingRecord, NoticeOrganization, NoticePage
from tests.disclosure.test_record_review import search_hits
from tests.orgs.test_lifecycle import LifecyclePages
from tests.orgs.world import ended_organization, twin
from tests.shared_world import WorldTestCase
from tests.utils import frozen_day

D0 = today() + datetime.timedelta(days=40)  # after every notice of the world


def days(n):
    return D0 + datetime.timedelta(days=n)


def start_of(day):
    """Midnight of `day` on the site's calendar (Asia/Shanghai)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(0)), timezone.get_fixed_timezone(480)
    )


def publish_scheduled():
    call_command("publish_scheduled", stdout=io.StringIO())


class ScheduledPublishingTests(LifecyclePages, WorldTestCase):
    def found(self, text, script="zh-hans"):
        query = text if script == "zh-hans" else convert(text)
        response = self.client.get(f"/{script}/search/", {"q": query})
        return query in search_hits(response.content.decode())

    def test_a_filing_notice_scheduled_for_its_start_date_is_published_by_the_timer(self):
        # An organization entered as ended (an import of the ledger) files again.
        org = ended_organization(self.world)
        number = "青山钢备字〔2026〕第21号"
        # (Not 邻里: the search page converts a zh-hant title again, 鄰里 → 鄰裡.)
        title = "关于青和居社区互助队重新备案的公示"
        with frozen_day(days(-3)):
            notice = NoticePageFactory(
                parent=self.world["sections"]["notices"],
                title=title,
                slug="filing-linli",
                kind="filing",
                starts_on=days(0),
                ends_on=days(6),
                reference_number=number,
                live=False,
                go_live_at=start_of(days(0)),  # 定时发布 on its first day
            )
            NoticeOrganization.objects.create(notice=notice, organization=org)
            revision = notice.save_revision()
            revision.publish()  # as a reviewer's approval does
            notice.refresh_from_db()
            self.assertFalse(notice.live)
            self.assertEqual(revision.approved_go_live_at, start_of(days(0)))
            self.assertFalse(NoticePage.objects.filter(slug="filing-linli", live=True).exists())
        with frozen_day(days(-1)):
            publish_scheduled()
            notice.refresh_from_db()
            self.assertFalse(notice.live)
            self.assert_stored(org, "exited")
            self.assertFalse(self.found(title))
        with frozen_day(days(0)):
            publish_scheduled()
            notice.refresh_from_db()
            self.assertTrue(notice.live)
            copy = twin(notice)
            self.assertTrue(copy.live)
            self.assertEqual(copy.title, convert(title))
            self.assertEqual(self.client.get(copy.url).status_code, 200)
            self.assert_stored(org, "active")
            self.assert_shown(org, "active")
            self.assertTrue(self.found(title))
            self.assertTrue(self.found(title, "zh-hant"))
        org.refresh_from_db()
        self.assertEqual((org.filing_number, org.filed_on), (number, days(0)))
        self.assertEqual(NoticePage.objects.live().filter(slug="filing-linli").count(), 2)

    def test_a_record_scheduled_for_a_day_is_published_by_the_timer(self):
        qibao = self.world["orgs"]["qibao"]
        title = "东亭社区反诈宣传项目"
        # A draft, as the admin saves one, approved for a later day.
        record = FundingRecordFactory(organization=qibao, project_title=title, live=False)
        with frozen_day(days(-3)):
            record.go_live_at = start_of(days(0))
            record.save_revision().publish()
            record.refresh_from_db()
            self.assertFalse(record.live)
        with frozen_day(days(-1)):
            publish_scheduled()
            record.refresh_from_db()
            self.assertFalse(record.live)
            self.assertNotIn(title, self.get(qibao))
            self.assertNotIn(title, self.client.get("/api/v1/funding/").content.decode())
            self.assertFalse(self.found(title))
        with frozen_day(days(0)):
            publish_scheduled()
            record.refresh_from_db()
            self.assertTrue(record.live)
            self.assertIn(title, self.get(qibao))
            self.assertIn(convert(title), self.get(twin(qibao)))
            self.assertTrue(self.found(title))
            self.assertTrue(self.found(title, "zh-hant"))
        self.assertEqual(FundingRecord.objects.live().filter(project_title=title).count(), 1)
