import re

from tests.shared_world import WorldTestCase

NOTICE_TITLE = re.compile(r'class="notice-list__title"><a href="[^"]*">([^<]+)</a>')


class NoticePagesTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = cls.world["sections"]["notices"]

    def titles(self, query=""):
        response = self.client.get(self.index.url + query)
        self.assertEqual(response.status_code, 200)
        return set(NOTICE_TITLE.findall(response.content.decode()))

    def test_list_filters_by_kind_state_and_district(self):
        notices = self.world["notices"]
        self.assertEqual(len(self.titles()), 4)
        self.assertEqual(self.titles("?kind=change"), {notices["change"].title})
        self.assertEqual(self.titles("?state=open"), {notices["change"].title})
        self.assertEqual(self.titles("?state=upcoming"), {notices["exit"].title})
        self.assertEqual(
            self.titles("?state=ended"), {notices["filing"].title, notices["revocation"].title}
        )
        self.assertEqual(self.titles("?district=420107"), {notices["exit"].title})
        self.assertEqual(
            self.titles("?district=420106&state=ended&kind=revocation"),
            {notices["revocation"].title},
        )

    def test_bad_filter_values_are_ignored(self):
        response = self.client.get(self.index.url + "?kind=x&state=y&district=z")
        self.assertContains(response, "以下筛选条件无效，已忽略：公示类型、公示状态、区(县)")
        self.assertEqual(len(NOTICE_TITLE.findall(response.content.decode())), 4)

    def test_notice_page_shows_period_state_and_objection_channel(self):
        response = self.client.get(self.world["notices"]["change"].url)
        self.assertContains(response, "变更公示")
        self.assertContains(response, "正在公示，剩余 5 天")
        self.assertContains(response, "异议受理")
        self.assertContains(response, "027-87654321")
        self.assertContains(response, "东亭社区七宝巡逻队")
        upcoming = self.client.get(self.world["notices"]["exit"].url)
        self.assertContains(upcoming, "公示将于")
        self.assertContains(upcoming, "即将开始")
        ended = self.client.get(self.world["notices"]["filing"].url)
        self.assertContains(ended, "公示已于")


class DisclosurePageTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = cls.world["sections"]["disclosure"]

    def test_totals_by_year_and_source_and_ratings(self):
        from core.dates import today

        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        year = today().year
        self.assertContains(
            response, f'<th scope="row" class="pinned-start">{year}年</th>', html=True
        )
        self.assertContains(response, "政府购买服务")
        self.assertContains(response, "累计 78,000.00 元")
        self.assertContains(
            response, "共 <strong>2</strong> 笔，合计 <strong>78,000.00</strong> 元"
        )
        # Current star ratings: two at 3 stars, one at 2, the expired 1-star does not count.
        self.assertContains(response, '3星 <span class="count">2</span> 家')
        self.assertContains(response, '1星 <span class="count">0</span> 家')

    def test_star_counts_link_to_the_directory_in_the_readers_script(self):
        from tests.orgs.world import twin

        directory = self.world["sections"]["orgs"]
        for page, orgs in ((self.page, directory), (twin(self.page), twin(directory))):
            with self.subTest(page.url):
                response = self.client.get(page.url)
                self.assertContains(
                    response, f'<a href="{orgs.url}?star=3&amp;sort=name">', count=1
                )
                # No organization holds a valid 1-star rating: no link to an empty list.
                self.assertNotContains(response, "?star=1&amp;")

    def test_funding_table_filters(self):
        from core.dates import today

        response = self.client.get(
            self.page.url + f"funding/?year={today().year - 1}&source=venture_philanthropy"
        )
        self.assertContains(response, "独居老人敲门关爱项目")
        self.assertNotContains(response, "东亭社区夜间平安巡逻项目")
        self.assertContains(
            response, "共 <strong>1</strong> 笔，合计 <strong>30,000.00</strong> 元"
        )
        for url in (self.page.url, self.page.url + "funding/"):
            response = self.client.get(url + "?year=abc&source=nope&year_from=1")
            self.assertContains(response, "以下筛选条件无效，已忽略")


class FundingTableTests(WorldTestCase):
    """The funding table reads the same on a profile and on the disclosure page, in both
    scripts: a named box that a keyboard can scroll, with the amount as the last column."""

    def funding_tables(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        boxes = re.findall(
            r'<div class="table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0">'
            r'\s*<table class="funding-table" aria-labelledby="\1">(.*?)</table>',
            content,
            flags=re.S,
        )
        return content, boxes

    def headers(self, table):
        return re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)

    def test_profile_and_disclosure_page_share_the_funding_table(self):
        from tests.orgs.world import twin

        qibao, disclosure = self.world["orgs"]["qibao"], self.world["sections"]["disclosure"]
        for pick, amount, organization, notice in (
            (lambda page: page, "金额（元）", "组织", "资助公示"),
            (twin, "金額（元）", "組織", "資助公示"),
        ):
            tables = {}
            for name, url in (
                ("profile", pick(qibao).url),
                ("disclosure", pick(disclosure).url + "funding/"),
            ):
                content, boxes = self.funding_tables(url)
                self.assertEqual(len(boxes), 1, url)
                ((label_id, table),) = boxes
                # The box is named by text the reader sees on the page.
                self.assertRegex(content, rf'<(figcaption|h2)[^>]* id="{label_id}"')
                self.assertEqual(self.headers(table)[-1], amount)
                self.assertIn("48,000.00", table)
                tables[name] = self.headers(table)
            # Both name the notice that announced each grant; the funding table also names
            # the organization.
            self.assertEqual(
                tables["profile"], [h for h in tables["disclosure"] if h != organization]
            )
            self.assertIn(notice, tables["profile"])


class EvaluationTableTests(WorldTestCase):
    """A profile's evaluation records read like the evaluation table, with their
    provenance: the notice that announced each, in the reader's script."""

    @classmethod
    def setUpTestData(cls):
        from tests.disclosure.announcements import announce

        super().setUpTestData()
        announce(cls.world)

    def test_profile_and_evaluation_table_share_the_columns_and_the_notice(self):
        from tests.disclosure.announcements import body_rows, section
        from tests.orgs.world import twin

        qibao, disclosure = self.world["orgs"]["qibao"], self.world["sections"]["disclosure"]
        for pick, organization, notice_header, provenance in (
            (lambda page: page, "组织", "评估结果公示", "武昌区民政局 武昌民社〔2026〕3号"),
            (twin, "組織", "評估結果公示", "武昌區民政局 武昌民社〔2026〕3號"),
        ):
            profile = self.client.get(pick(qibao).url).content.decode()
            table = self.client.get(pick(disclosure).url + "evaluations/").content.decode()
            profile_table = section(profile, "evaluations")
            headers = re.compile(r'<th scope="col"[^>]*>([^<]+)</th>')
            table_headers = headers.findall(table.split('id="records-caption"', 1)[1])
            self.assertEqual(
                headers.findall(profile_table), [h for h in table_headers if h != organization]
            )
            self.assertIn(notice_header, headers.findall(profile_table))
            # The star rating names its notice (issuer, number), the survey none.
            rows = body_rows(profile_table)
            self.assertEqual(len(rows), 2)
            (star,) = [row for row in rows if provenance in row]
            self.assertTrue(star.startswith("星级评估") or star.startswith("星級評估"), star)
            self.assertIn(
                f'href="{pick(self.world["sections"]["notices"]).url}evaluation-wuchang/"',
                profile_table,
            )
