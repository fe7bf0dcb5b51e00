import re

from django.test import TestCase

from tests.orgs.world import listed, twin
from tests.shared_world import WorldTestCase

CARD = re.compile(
    r'<li class="org-card">.*?class="org-card__title"><a href="[^"]*">([^<]+)</a>(.*?)</li>',
    flags=re.S,
)
STARS = re.compile(r'<span class="visually-hidden">(\d)星</span>')


class DirectoryFilterTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.url = cls.world["sections"]["orgs"].url

    def titles(self, query=""):
        response = self.client.get(self.url + query)
        self.assertEqual(response.status_code, 200)
        return set(listed(response))

    def names(self, *keys):
        return {self.world["orgs"][key].title for key in keys}

    def test_unfiltered_lists_active_organizations_with_a_count(self):
        response = self.client.get(self.url)
        self.assertEqual(set(listed(response)), self.names("qibao", "moxiang", "qiaomen", "hub"))
        self.assertContains(response, "共 <strong>4</strong> 家组织")
        self.assertContains(response, '<option value="active" selected>活动中</option>', html=True)

    def test_any_status_lists_everything(self):
        response = self.client.get(self.url + "?status=any")
        self.assertEqual(
            set(listed(response)),
            self.names("qibao", "moxiang", "yangsheng", "qiaomen", "hub", "wudao"),
        )
        self.assertContains(response, "共 <strong>6</strong> 家组织")

    def test_the_cached_unfiltered_count_follows_publishing(self):
        self.client.get(self.url)  # counted and cached
        qibao = self.world["orgs"]["qibao"]
        qibao.unpublish()
        response = self.client.get(self.url)
        self.assertContains(response, "共 <strong>3</strong> 家组织")
        self.assertEqual(len(listed(response)), 3)
        qibao.save_revision().publish()
        self.assertContains(self.client.get(self.url), "共 <strong>4</strong> 家组织")

    def test_region_filters_include_everything_below(self):
        self.assertEqual(self.titles("?district=420106"), self.names("qibao", "moxiang", "hub"))
        self.assertEqual(
            self.titles("?district=420106&status=any"),
            self.names("qibao", "moxiang", "yangsheng", "hub"),
        )
        self.assertEqual(
            self.titles("?district=420106&street=420106001"), self.names("qibao", "moxiang", "hub")
        )
        self.assertEqual(
            self.titles("?district=420106&street=420106001&community=420106001001"),
            self.names("qibao"),
        )
        self.assertEqual(self.titles("?district=420107"), self.names("qiaomen"))
        self.assertEqual(self.titles("?district=420107&status=any"), self.names("qiaomen", "wudao"))

    def test_street_and_community_lists_follow_the_choice_above(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, 'id="id_street"')
        response = self.client.get(self.url + "?district=420106")
        self.assertContains(response, 'id="id_street"')
        self.assertContains(response, "水果湖街道")
        self.assertNotContains(response, "钢花村街道")
        self.assertNotContains(response, 'id="id_community"')
        response = self.client.get(self.url + "?district=420106&street=420106001")
        self.assertContains(response, 'id="id_community"')
        self.assertContains(response, "东亭社区")

    def test_category_management_status_and_star(self):
        self.assertEqual(self.titles("?category=wenti-huodong"), self.names("moxiang"))
        self.assertEqual(self.titles("?management=registered"), self.names("hub"))
        self.assertEqual(
            self.titles("?management=community&status=any"), self.names("moxiang", "wudao")
        )
        self.assertEqual(
            self.titles("?status=active"), self.names("qibao", "moxiang", "qiaomen", "hub")
        )
        self.assertEqual(self.titles("?status=revoked"), self.names("yangsheng"))
        self.assertEqual(self.titles("?status=exiting"), self.names("wudao"))
        self.assertEqual(self.titles("?star=3"), self.names("qibao", "hub"))
        self.assertEqual(self.titles("?star=2"), self.names("qiaomen"))
        # The only 1-star rating has expired.
        self.assertEqual(self.titles("?star=1"), set())
        self.assertEqual(self.titles("?star=none"), self.names("moxiang"))
        self.assertEqual(
            self.titles("?star=none&status=any"), self.names("moxiang", "yangsheng", "wudao")
        )

    def test_filters_combine(self):
        self.assertEqual(
            self.titles("?district=420106&category=wenti-huodong"), self.names("moxiang")
        )
        self.assertEqual(
            self.titles("?district=420107&status=active&category=shequ-shiwu"),
            self.names("qiaomen"),
        )
        self.assertEqual(
            self.titles("?district=420106&star=3&management=filed"), self.names("qibao")
        )
        self.assertEqual(self.titles("?district=420107&star=3"), set())

    def test_members_of_a_hub(self):
        hub = self.world["orgs"]["hub"]
        response = self.client.get(f"{self.url}?hub={hub.pk}")
        self.assertEqual(set(listed(response)), self.names("qibao", "moxiang"))
        self.assertContains(response, hub.title)

    def test_filtered_url_is_shareable_and_shows_what_is_applied(self):
        response = self.client.get(
            self.url + "?district=420106&category=wenti-huodong&status=active"
        )
        self.assertContains(response, "按“区(县)：武昌区”、“类别：文体活动类”、“状态：活动中”筛选")
        self.assertContains(response, '<option value="420106" selected>武昌区</option>', html=True)

    def test_invalid_values_are_ignored_with_a_message(self):
        response = self.client.get(
            self.url + "?category=nope&star=7&district=999999&sort=drop&status=gone"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(listed(response)), 4)  # the active ones, as without the status
        self.assertContains(response, "以下筛选条件无效，已忽略：")
        self.assertContains(response, "类别")

    def test_empty_result_has_a_helpful_message(self):
        response = self.client.get(self.url + "?district=420107&management=registered")
        self.assertContains(response, "没有符合条件的组织。")
        self.assertContains(response, "清除筛选条件")

    def test_sorts(self):
        by_name = listed(self.client.get(self.url + "?sort=name"))
        self.assertEqual(by_name, sorted(by_name))
        by_star = listed(self.client.get(self.url + "?sort=star"))
        self.assertEqual(set(by_star[:2]), self.names("qibao", "hub"))
        self.assertEqual(by_star[2], self.world["orgs"]["qiaomen"].title)
        by_filing = listed(self.client.get(self.url + "?sort=filed"))
        self.assertEqual(
            by_filing[0], self.world["orgs"]["qiaomen"].title
        )  # filed 2020, the newest

    def test_bad_page_numbers_fall_back(self):
        for page in ("abc", "0", "999", "-1"):
            response = self.client.get(self.url + f"?page={page}&status=any")
            self.assertEqual(response.status_code, 200, page)
            self.assertEqual(len(listed(response)), 6)


class DirectoryCardsInBothScriptsTests(WorldTestCase):
    """Each card shows the organization's current star rating, in either script."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        index = cls.world["sections"]["orgs"]
        cls.urls = (index.url, twin(index).url)

    def cards(self, url):
        """{card title: star levels shown on the card, or "none"} for one listing."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        cards = {}
        for title, body in CARD.findall(response.content.decode()):
            levels = [int(level) for level in STARS.findall(body)]
            no_rating = "暂无有效星级" in body or "暫無有效星級" in body
            cards[title] = levels if levels else ("none" if no_rating else "?")
        return cards

    def expected(self, script_index, *pairs):
        orgs = self.world["orgs"]
        pick = (lambda page: page) if script_index == 0 else twin
        return {pick(orgs[key]).title: value for key, value in pairs}

    def test_cards_show_the_current_star_rating_in_both_scripts(self):
        for number, url in enumerate(self.urls):
            self.assertEqual(
                self.cards(url + "?status=any"),
                self.expected(
                    number,
                    ("qibao", [3]),
                    ("hub", [3]),
                    ("qiaomen", [2]),
                    # An expired rating is not current.
                    ("yangsheng", "none"),
                    ("moxiang", "none"),
                    ("wudao", "none"),
                ),
                url,
            )

    def test_a_star_filter_lists_cards_with_that_rating(self):
        for number, url in enumerate(self.urls):
            self.assertEqual(
                self.cards(url + "?star=3"),
                self.expected(number, ("qibao", [3]), ("hub", [3])),
                url,
            )
            self.assertEqual(
                self.cards(url + "?star=2&sort=star"), self.expected(number, ("qiaomen", [2])), url
            )


class DirectoryPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from orgs.factories import OrganizationPageFactory
        from tests.utils import site_sections

        cls.index = site_sections()["orgs"]
        for number in range(25):
            OrganizationPageFactory(parent=cls.index, title=f"分页测试组织{number:02d}")

    def test_twenty_a_page_and_links_keep_the_filters(self):
        first = self.client.get(self.index.url + "?status=active&sort=name")
        self.assertEqual(len(listed(first)), 20)
        self.assertContains(first, "共 <strong>25</strong> 家组织")
        self.assertContains(first, 'href="?status=active&amp;sort=name&amp;page=2"')
        second = self.client.get(self.index.url + "?status=active&sort=name&page=2")
        self.assertEqual(len(listed(second)), 5)
        self.assertEqual(set(listed(first)) & set(listed(second)), set())
