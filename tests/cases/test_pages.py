from cases.factories import CasePageFactory
from cases.models import CaseOrganization
from demo.images import draw_scene
from tests.shared_world import WorldTestCase
from tests.utils import patrol_image


class CasePagesTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        image = patrol_image()
        cls.case = CasePageFactory(
            parent=cls.world["sections"]["cases"],
            title="七宝巡逻队：守护东亭社区十年平安",
            hero_image=image,
            region=cls.world["regions"]["dongting"],
            outcomes=[("outcome", "十年累计巡逻 3,600 余次")],
            body=[
                ("paragraph", "<p>七位老党员组成的巡逻队。</p>"),
                ("image", {"image": image, "caption": "夜间巡逻"}),
            ],
        )
        CaseOrganization.objects.create(case=cls.case, organization=cls.world["orgs"]["qibao"])

    def test_case_page_with_images_outcomes_and_organizations(self):
        response = self.client.get(self.case.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "七位老党员组成的巡逻队。")
        self.assertContains(response, "十年累计巡逻 3,600 余次")
        self.assertContains(response, 'alt="巡逻队员夜间巡逻的示意插图"', count=2)
        self.assertContains(response, "武昌区 水果湖街道 东亭社区")
        self.assertContains(response, "东亭社区七宝巡逻队")

    def test_case_index_and_profile_list_the_case(self):
        response = self.client.get(self.world["sections"]["cases"].url)
        self.assertContains(response, self.case.title)
        response = self.client.get(self.world["orgs"]["qibao"].url)
        self.assertContains(response, self.case.title)

    def test_demo_illustrations_are_deterministic_jpegs(self):
        first, second = draw_scene("rose", 7), draw_scene("rose", 7)
        self.assertEqual(first, second)
        self.assertTrue(first.startswith(b"\xff\xd8"))
        self.assertNotEqual(first, draw_scene("rose", 8))


class CaseCardTests(WorldTestCase):
    """A case story's card reads the same wherever it is listed (home page, case index,
    profile), in both scripts: picture, title, community, date and summary."""

    def card(self, url, title):
        import re

        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        cards = [
            card
            for card in re.findall(r'<li class="card">.*?</li>', response.content.decode(), re.S)
            if f">{title}</a>" in card
        ]
        self.assertEqual(len(cards), 1, url)
        # The title's heading level follows the page's outline (h2 on the case index).
        return re.sub(r"<(/?)h[23]\b", r"<\1h", cards[0])

    def test_the_case_card_is_the_same_on_every_page_in_both_scripts(self):
        from tests.orgs.world import twin

        case = self.world["cases"]["knock-and-patrol"]
        places = (
            self.world["sections"]["home"],
            self.world["sections"]["cases"],
            self.world["orgs"]["qibao"],
            self.world["orgs"]["qiaomen"],
        )
        for pick, community in ((lambda page: page, "东亭社区"), (twin, "東亭社區")):
            shown = pick(case)
            cards = {self.card(pick(place).url, shown.title) for place in places}
            self.assertEqual(len(cards), 1, cards)
            (card,) = cards
            self.assertIn(f'href="{shown.url}"', card)
            self.assertIn(community, card)
            self.assertIn(f'<time datetime="{case.published_on:%Y-%m-%d}">', card)
            self.assertIn(shown.summary, card)
