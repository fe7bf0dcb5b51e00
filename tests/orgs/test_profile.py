import re

from tests.orgs.world import twin
from tests.shared_world import WorldTestCase


def section(content, heading_id):
    """The HTML of the profile section labelled by `heading_id`."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', content, flags=re.S
    )
    assert match, f"no section {heading_id}"
    return match.group(0)


class ProfilePageTests(WorldTestCase):
    def get(self, key):
        response = self.client.get(self.world["orgs"][key].url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_facts_status_rating_and_region(self):
        response = self.get("qibao")
        self.assertContains(response, "<h1>东亭社区七宝巡逻队</h1>", html=True)
        self.assertContains(response, "武昌区 › 水果湖街道 › 东亭社区")
        self.assertContains(response, '<span class="badge badge--active">活动中</span>', html=True)
        self.assertContains(response, "刘建国")
        self.assertContains(response, "3星（测试社会组织评估中心评定，有效期至")
        self.assertContains(response, "治安巡逻")

    def test_notices_form_a_timeline_in_date_order(self):
        content = self.get("qibao").content.decode()
        filing = content.index("关于东亭社区七宝巡逻队备案的公示")
        change = content.index("关于东亭社区七宝巡逻队负责人变更的公示")
        self.assertLess(filing, change)
        self.assertIn("公示中", content)

    def test_funding_and_evaluation_history(self):
        response = self.get("qibao")
        self.assertContains(response, "东亭社区夜间平安巡逻项目")
        self.assertContains(response, "48,000.00")
        self.assertContains(response, "累计获得公开资助 48,000.00 元，共 1 笔")
        self.assertContains(response, "满意度测评")
        self.assertContains(response, "96.50分")

    def test_hub_link_and_member_list(self):
        self.assertContains(self.get("qibao"), "水果湖街道社区社会组织联合会")
        response = self.get("hub")
        self.assertContains(response, "联系服务的社区社会组织（2 家）")
        self.assertContains(response, "茶港社区墨香书画社")
        self.assertContains(response, "统一社会信用代码")

    def test_inactive_organizations_say_so(self):
        self.assertContains(self.get("yangsheng"), "该组织已被撤销备案，以下信息仅供查询。")
        self.assertContains(self.get("wudao"), "该组织正在进行终止活动公示")
        self.assertContains(self.get("yangsheng"), "暂无有效星级")

    def test_empty_sections_have_empty_states(self):
        response = self.get("moxiang")
        self.assertContains(response, "暂无资助记录。")
        self.assertContains(response, "暂无评估记录。")
        self.assertContains(response, "暂无公示记录。")


class ProfileInBothScriptsTests(WorldTestCase):
    """What a reader of each script gets on a profile: the notices and cases that concern
    the organization, each once, in the reader's script."""

    def both(self, key):
        """(simplified profile, traditional profile) as HTML."""
        source = self.world["orgs"][key]
        pages = []
        for page in (source, twin(source)):
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200, page.url)
            pages.append(response.content.decode())
        return pages

    def test_each_notice_is_listed_once_in_the_readers_script(self):
        notices = [self.world["notices"]["filing"], self.world["notices"]["change"]]
        simplified, traditional = self.both("qibao")
        for content, shown, other in (
            (simplified, notices, [twin(n) for n in notices]),
            (traditional, [twin(n) for n in notices], notices),
        ):
            timeline = section(content, "timeline")
            self.assertEqual(timeline.count('class="timeline__item'), 2)
            for notice in shown:
                self.assertEqual(timeline.count(f">{notice.title}</a>"), 1, notice.title)
                self.assertEqual(timeline.count(f'href="{notice.url}"'), 1, notice.url)
            for notice in other:
                self.assertNotIn(notice.title, timeline)

    def test_each_case_is_listed_once_in_the_readers_script(self):
        case = self.world["cases"]["knock-and-patrol"]
        simplified, traditional = self.both("qibao")
        for content, shown, other in (
            (simplified, case, twin(case)),
            (traditional, twin(case), case),
        ):
            cases = section(content, "cases")
            self.assertEqual(cases.count(f">{shown.title}</a>"), 1)
            self.assertEqual(cases.count(f'href="{shown.url}"'), 1)
            self.assertNotIn(other.title, cases)


BANNER = re.compile(r'<p class="notice notice--warning"[^>]*>.*?</p>', flags=re.S)


class EndedOrganizationTests(WorldTestCase):
    """An organization that has ended, been revoked or is exiting: its banner links to the
    notice that ended it, and its phone is no longer offered as a way to reach it."""

    def profiles(self, org):
        """The simplified and traditional profiles of `org`, with their scripts' pages."""
        for pick in (lambda page: page, twin):
            response = self.client.get(pick(org).url)
            self.assertEqual(response.status_code, 200)
            yield pick, response.content.decode()

    def banner(self, content):
        match = BANNER.search(content)
        self.assertIsNotNone(match, "no status banner")
        return match.group(0)

    def assert_banner_links_to(self, org, notice):
        for pick, content in self.profiles(org):
            banner = self.banner(content)
            self.assertEqual(banner.count(f'href="{pick(notice).url}"'), 1, banner)
            self.assertIn(pick(notice).title, banner)

    def test_a_revoked_organization_links_to_its_revocation_notice(self):
        self.assert_banner_links_to(
            self.world["orgs"]["yangsheng"], self.world["notices"]["revocation"]
        )

    def test_an_exiting_organization_links_to_its_exit_notice(self):
        self.assert_banner_links_to(self.world["orgs"]["wudao"], self.world["notices"]["exit"])

    def test_an_exited_organization_links_to_the_notice_that_ended_it(self):
        """Not to the newest exit notice (the world's, still upcoming): to the one whose
        period has ended, which made the organization 已终止 (orgs/lifecycle.py)."""
        import datetime

        from core.dates import today
        from disclosure.factories import NoticePageFactory
        from disclosure.models import NoticeOrganization

        wudao = self.world["orgs"]["wudao"]
        ended = NoticePageFactory(
            parent=self.world["sections"]["notices"],
            title="关于青和居社区广场舞蹈队终止活动的公示（第一次）",
            slug="exit-wudao-first",
            kind="exit",
            starts_on=today() - datetime.timedelta(days=30),
            ends_on=today() - datetime.timedelta(days=20),
            live=False,
        )
        NoticeOrganization.objects.create(notice=ended, organization=wudao)
        ended.save_revision().publish()
        self.assert_banner_links_to(wudao, ended)
        for _pick, content in self.profiles(wudao):
            self.assertIn("已终止", self.banner(content).replace("終", "终"))

    def test_the_phone_of_an_organization_no_longer_active_is_not_offered(self):
        for key in ("yangsheng", "wudao"):
            org = self.world["orgs"][key]
            self.assertTrue(org.contact_phone)
            for _pick, content in self.profiles(org):
                self.assertNotIn(org.contact_phone, content)
                self.assertNotIn('href="tel:', content)
                self.assertTrue("不再公开" in content or "不再公開" in content)

    def test_an_active_organization_keeps_its_phone(self):
        qibao = self.world["orgs"]["qibao"]
        for _pick, content in self.profiles(qibao):
            self.assertEqual(content.count(f'href="tel:{qibao.contact_phone}"'), 1)
            self.assertIsNone(BANNER.search(content))


class EvaluationHistoryTests(WorldTestCase):
    """A satisfaction survey is a score on a date; only star ratings have a validity."""

    def rows(self, page, language):
        from django.utils import formats, translation

        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        table = section(response.content.decode(), "evaluations")
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)[1:]  # after the header

        def shown(day):
            with translation.override(language):
                return formats.date_format(day, "DATE_FORMAT")

        return rows, shown

    def test_a_satisfaction_survey_shows_its_score_and_date_without_an_expiry(self):
        from disclosure.models import EvaluationRecord

        qibao = self.world["orgs"]["qibao"]
        survey = EvaluationRecord.objects.get(organization=qibao, kind="satisfaction")
        star = EvaluationRecord.objects.get(organization=qibao, kind="star")
        for page, language, kind in (
            (qibao, "zh-hans", "满意度测评"),
            (twin(qibao), "zh-hant", "滿意度測評"),
        ):
            rows, shown = self.rows(page, language)
            survey_rows = [row for row in rows if kind in row]
            self.assertEqual(len(survey_rows), 1, rows)
            (row,) = survey_rows
            self.assertIn("96.50分", row)
            self.assertIn(shown(survey.evaluated_on), row)
            self.assertNotIn(shown(survey.valid_until), row)
            # A star rating keeps its validity.
            (star_row,) = [row for row in rows if shown(star.evaluated_on) in row]
            self.assertIn(shown(star.valid_until), star_row)
