"""The 信息公开 overview and its record tables: a journalist asks "how much went to 武昌区
in a year, from which sources, to whom" and gets figures that equal the records they
cover, in both scripts."""

import re
from decimal import Decimal

from core.dates import today
from disclosure.factories import FundingRecordFactory
from disclosure.models import FundingRecord
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase

COUNT_AND_TOTAL = re.compile(
    r"<strong>(\d+)</strong> [^<]*<strong>([\d,]+\.\d\d)</strong>", flags=re.S
)


def money(amount):
    return f"{Decimal(amount):,.2f}"


class OverviewTotalsTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = cls.world["sections"]["disclosure"]
        orgs = cls.world["orgs"]
        year = today().year
        cls.year = year
        # Spread over both districts, three years and three sources.
        for org, amount, source, years_ago in (
            ("qibao", "1200.50", "welfare_lottery", 0),
            ("qibao", "800.25", "government_purchase", 1),
            ("hub", "50000", "government_purchase", 0),
            ("hub", "7000", "subsidy", 2),
            ("qiaomen", "999.99", "welfare_lottery", 0),
            ("wudao", "15000", "government_purchase", 0),
            ("wudao", "2500", "welfare_lottery", 0),
        ):
            FundingRecordFactory(
                organization=orgs[org],
                amount=Decimal(amount),
                source_kind=source,
                year=year - years_ago,
            )

    def expected(self, district=None, year=None, source=None):
        """The records a filter covers, summed here without the site's filter code."""
        records = [
            r
            for r in FundingRecord.objects.select_related("organization__region")
            if (district is None or r.organization.region.code.startswith(district))
            and (year is None or r.year == year)
            and (source is None or r.source_kind == source)
        ]
        return len(records), sum((r.amount for r in records), Decimal(0))

    def overview(self, page, query):
        response = self.client.get(page.url + query)
        self.assertEqual(response.status_code, 200)
        return response

    def test_totals_equal_the_records_they_cover(self):
        for district in (None, "420106", "420107"):
            for year in (None, self.year, self.year - 1):
                for source in (None, "government_purchase", "welfare_lottery"):
                    params = {
                        "district": district,
                        "year_from": year,
                        "year_to": year,
                        "source": source,
                    }
                    query = "?" + "&".join(f"{k}={v}" for k, v in params.items() if v)
                    count, total = self.expected(district, year, source)
                    with self.subTest(query=query):
                        response = self.overview(self.page, query)
                        context = response.context
                        self.assertEqual(context["funding_count"], count)
                        self.assertEqual(context["funding_grand_total"] or 0, total)
                        # Every breakdown adds up to the same total.
                        self.assertEqual(
                            sum(line["total"] for line in context["funding_table"]), total
                        )
                        self.assertEqual(sum(r["total"] for r in context["by_district"]), total)
                        self.assertEqual(sum(r["count"] for r in context["by_district"]), count)
                        self.assertEqual(sum(r["total"] for r in context["by_street"]), total)
                        # And the reader sees it.
                        first = COUNT_AND_TOTAL.search(response.content.decode())
                        self.assertEqual(first.groups(), (str(count), money(total)))

    def test_wuchang_this_year_in_both_scripts(self):
        count, total = self.expected("420106", self.year)
        query = f"?district=420106&year_from={self.year}&year_to={self.year}"
        for page, district_name, recipient in (
            (self.page, "水果湖街道", "水果湖街道社区社会组织联合会"),
            (twin(self.page), "水果湖街道", "水果湖街道社區社會組織聯合會"),
        ):
            with self.subTest(page.url):
                response = self.overview(page, query)
                content = response.content.decode()
                self.assertIn(money(total), content)
                self.assertIn(district_name, content)
                self.assertIn(recipient, content)
                # Streets are all those of the district, not the top 15 of everywhere.
                self.assertFalse(response.context["streets_limited"])
                # The top recipient is the hub with 50,000.00 this year.
                top = response.context["top_recipients"][0]
                self.assertEqual(top["total"], Decimal("50000"))
                self.assertEqual(top["organization"].locale_id, page.locale_id)
                # "See these grants" keeps the filters, on the funding table.
                self.assertIn(f"{page.url}funding/?", content)

    def test_the_funding_table_shows_the_same_total_as_the_overview(self):
        query = f"?district=420106&year_from={self.year}&year_to={self.year}"
        overview = self.overview(self.page, query).context
        table = self.client.get(self.page.url + "funding/" + query)
        self.assertEqual(table.context["selection_total"], overview["funding_grand_total"])
        self.assertEqual(table.context["selection_count"], overview["funding_count"])

    def test_the_funding_table_sorts_by_amount(self):
        response = self.client.get(self.page.url + "funding/?sort=-amount")
        amounts = [record.amount for record in response.context["records"]]
        self.assertEqual(amounts, sorted(amounts, reverse=True))
        response = self.client.get(self.page.url + "funding/?sort=amount")
        amounts = [record.amount for record in response.context["records"]]
        self.assertEqual(amounts, sorted(amounts))

    def test_streets_follow_the_chosen_district(self):
        """Without JavaScript the street list is short: once a district is chosen it lists
        that district's streets only, on the overview, both tables and the notice list, in
        both scripts. A street from elsewhere in a link stays chosen and still applies."""
        street_options = re.compile(r'<select name="street"[^>]*>(.*?)</select>', flags=re.S)
        notices = self.world["sections"]["notices"]
        for page in (self.page, twin(self.page)):
            notice_list = notices if page.locale_id == self.page.locale_id else twin(notices)
            for url in (
                page.url,
                page.url + "funding/",
                page.url + "evaluations/",
                notice_list.url,
            ):
                with self.subTest(url):
                    unfiltered = self.client.get(url).content.decode()
                    every = street_options.search(unfiltered).group(1)
                    self.assertIn('value="420106001"', every)
                    self.assertIn('value="420107001"', every)

                    qingshan = self.client.get(url + "?district=420107").content.decode()
                    shown = street_options.search(qingshan).group(1)
                    self.assertIn('value="420107001"', shown)
                    self.assertNotIn('value="420106001"', shown)
                    self.assertNotIn('value="420106002"', shown)

                    crossed = self.client.get(url + "?district=420107&street=420106001")
                    content = crossed.content.decode()
                    shown = street_options.search(content).group(1)
                    self.assertIn('value="420106001" selected', shown)
                    self.assertNotIn("以下筛选条件无效", content)
                    self.assertNotIn("以下篩選條件無效", content)

        # The street still filters (nothing lies in both): no rows, not the district's.
        crossed = self.client.get(self.page.url + "funding/?district=420107&street=420106001")
        self.assertEqual(crossed.context["selection_count"], 0)

    def test_bad_values_are_named_and_dropped(self):
        for url in (self.page.url, self.page.url + "funding/", self.page.url + "evaluations/"):
            with self.subTest(url):
                response = self.client.get(
                    url + "?year_from=abc&district=999999&sort=__class__&street=%00"
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "以下筛选条件无效，已忽略")

    def test_empty_selection_says_so(self):
        response = self.overview(self.page, "?year_from=1995&year_to=1995")
        self.assertEqual(response.context["funding_count"], 0)
        self.assertContains(response, "没有符合条件的资助记录")
        table = self.client.get(self.page.url + "funding/?year_from=1995&year_to=1995")
        self.assertContains(table, "没有符合条件的资助记录")


class RatingsOverviewTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.page = cls.world["sections"]["disclosure"]

    def test_star_distribution_follows_the_district(self):
        # build_world: 3 stars for qibao and the hub (武昌区), 2 stars for qiaomen.
        everywhere = self.client.get(self.page.url).context["rating_levels"]
        self.assertEqual(dict(everywhere)[3], 2)
        qingshan = self.client.get(self.page.url + "?district=420107").context["rating_levels"]
        self.assertEqual(dict(qingshan)[3], 0)

    def test_satisfaction_results(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response.context["satisfaction_count"], 1)
        bands = {low: count for low, _high, count in response.context["satisfaction_bands"]}
        self.assertEqual(bands[90], 1)  # 96.5 points
        self.assertContains(response, "96.5")

    def test_evaluation_table_in_both_scripts(self):
        for page, name in (
            (self.page, "东亭社区七宝巡逻队"),
            (twin(self.page), "東亭社區七寶巡邏隊"),
        ):
            with self.subTest(page.url):
                response = self.client.get(page.url + "evaluations/?kind=star&star=3")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, name)
                self.assertEqual(response.context["selection_count"], 2)


class ExpiringRatingsTests(WorldTestCase):
    """The overview lists the soonest of the ratings about to expire and links to all of
    them in the evaluation table (at city scale there are thousands)."""

    @classmethod
    def setUpTestData(cls):
        import datetime

        from disclosure.factories import EvaluationRecordFactory
        from disclosure.summary import EXPIRING_SHOWN
        from orgs.factories import OrganizationPageFactory

        super().setUpTestData()
        cls.page = cls.world["sections"]["disclosure"]
        cls.shown = EXPIRING_SHOWN
        day = today()
        wudao = cls.world["orgs"]["wudao"]
        # Organizations rated just under two years ago: valid for 1 to 25 more days.
        for n in range(EXPIRING_SHOWN + 5):
            organization = OrganizationPageFactory(
                parent=cls.world["sections"]["orgs"], region=wudao.region, category=wudao.category
            )
            EvaluationRecordFactory(
                organization=organization,
                star_level=1 + n % 3,
                evaluated_on=day - datetime.timedelta(days=729 - n),
            )
        # A newer rating replaces an expiring one: that organization's does not count.
        EvaluationRecordFactory(organization=organization, star_level=3, evaluated_on=day)

    def test_the_soonest_are_listed_and_the_rest_linked(self):
        response = self.client.get(self.page.url)
        expiring = response.context["expiring_ratings"]
        self.assertEqual(len(expiring), self.shown)
        ends = [record.valid_until for record in expiring]
        self.assertEqual(ends, sorted(ends))
        count = response.context["expiring_count"]
        self.assertEqual(count, self.shown + 4)
        self.assertContains(response, f"查看 90 天内到期的全部 {count} 个星级")
        table = self.client.get(self.page.url + "evaluations/?expires_within=90")
        self.assertEqual(table.context["selection_count"], count)
