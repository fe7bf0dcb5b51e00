"""The region chooser, as a street editor (not a superuser) sees it wherever a region is
picked: an organization's or a case's region, a region's parent."""

import html
import json
import re

from django.urls import reverse

from cases.factories import CasePageFactory
from tests.orgs.world import EditorTestCase

CHOOSE = "wagtailsnippetchoosers_taxonomy_region:choose"
RESULTS = "wagtailsnippetchoosers_taxonomy_region:choose_results"
CHOSEN = "wagtailsnippetchoosers_taxonomy_region:chosen"


def rows(response):
    """The text of each result row's choice link, in order."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        text = json.loads(text)["html"]
    links = re.findall(r"<a [^>]*data-chooser-modal-choice[^>]*>(.*?)</a>", text, re.S)
    return [html.unescape(re.sub(r"<[^>]+>|\s+", " ", link)).strip() for link in links]


class RegionChooserTests(EditorTestCase):
    def test_lists_each_region_with_its_path_in_simplified_script_only(self):
        listed = rows(self.client.get(reverse(CHOOSE)))
        self.assertIn("武昌区 › 水果湖街道 › 东亭社区", listed)
        self.assertIn("武昌区 › 水果湖街道", listed)
        self.assertIn("青山区", listed)
        # The zh-hant twins (東亭社區, 青山區) are not offered: editors write simplified.
        self.assertFalse([row for row in listed if "東亭社區" in row or "青山區" in row], listed)
        self.assertEqual(len(listed), len(set(listed)), listed)

    def test_typing_a_name_finds_the_region_and_what_lies_below_it(self):
        listed = rows(self.client.get(reverse(RESULTS), {"q": "水果湖"}))
        self.assertEqual(
            listed,
            [
                "武昌区 › 水果湖街道",
                "武昌区 › 水果湖街道 › 东亭社区",
                "武昌区 › 水果湖街道 › 茶港社区",
            ],
        )

    def test_typing_a_code_finds_the_region_and_what_lies_below_it(self):
        listed = rows(self.client.get(reverse(RESULTS), {"q": "420106002"}))
        self.assertEqual(listed, ["武昌区 › 中华路街道", "武昌区 › 中华路街道 › 起义门社区"])

    def test_two_words_narrow_the_search(self):
        listed = rows(self.client.get(reverse(RESULTS), {"q": "武昌 茶港"}))
        self.assertEqual(listed, ["武昌区 › 水果湖街道 › 茶港社区"])

    def test_the_chosen_region_is_shown_with_its_path(self):
        dongting = self.world["regions"]["dongting"]
        response = self.client.get(reverse(CHOSEN, args=[dongting.pk]))
        result = json.loads(response.content)["result"]
        self.assertEqual(result["string"], "武昌区 › 水果湖街道 › 东亭社区")

    def test_forms_show_the_chosen_region_with_its_path(self):
        regions = self.world["regions"]
        case = CasePageFactory(parent=self.world["sections"]["cases"], region=regions["qinghe"])
        for url, path in [
            (
                reverse("wagtailadmin_pages:edit", args=[self.world["orgs"]["qibao"].pk]),
                "武昌区 › 水果湖街道 › 东亭社区",
            ),
            (
                reverse("wagtailadmin_pages:edit", args=[case.pk]),
                "青山区 › 钢花村街道 › 青和居社区",
            ),
            (
                reverse("wagtailsnippets_taxonomy_region:edit", args=[regions["chagang"].pk]),
                "武昌区 › 水果湖街道",
            ),
        ]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertContains(response, path, msg_prefix=url)
