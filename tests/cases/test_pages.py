import io

from django.core.files.images import ImageFile
from django.test import TestCase

from wagtail.images import get_image_model

from cases.factories import CasePageFactory
from cases.models import CaseOrganization
from demo.images import draw_scene
from tests.orgs.world import build_world


class CasePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        image = get_image_model()(
            title="巡逻插图",
            description="巡逻队员夜间巡逻的示意插图",
            file=ImageFile(io.BytesIO(draw_scene("teal", 1)), name="patrol.jpg"),
        )
        image.save()
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
