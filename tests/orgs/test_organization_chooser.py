"""The organization chooser, as a street editor (not a superuser) meets it: opened from
the organization field of a funding or evaluation record, a notice, a case and an
organization's hub. It offers the editors' script only (the zh-hant twins would look like
duplicates) and names each organization's district."""

import html
import json
import re
from urllib.parse import urlencode

from django.urls import reverse

from cases.factories import CasePageFactory
from cases.models import CaseOrganization
from tests.shared_world import WorldTestCase
from tests.utils import editor_user


def text_of(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


class OrganizationChooserTests(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        orgs = cls.world["orgs"]
        # Published through Wagtail, so each has its zh-hant twin, as on the real site.
        for key in ("hub", "moxiang", "qiaomen"):
            orgs[key].save_revision().publish()
        cls.editor = editor_user(cls.world["sections"]["home"])

    def setUp(self):
        self.client.force_login(self.editor)

    def chooser_options(self, form_url, field_id):
        """What the form's widget for `field_id` opens (the options it was set up with)."""
        page = self.client.get(form_url)
        self.assertEqual(page.status_code, 200, form_url)
        source = html.unescape(page.content.decode())
        found = re.search(r'new \w+\("' + re.escape(field_id) + r'", (\{.*?\})\);', source)
        self.assertIsNotNone(found, f"no chooser for {field_id} on {form_url}")
        return json.loads(found.group(1))

    def search(self, options, query, multiple=False):
        """Open the chooser as its widget does, type `query` into its search box; the rows."""
        params = {}
        if options.get("modelNames"):  # Wagtail's page chooser narrows to the page types
            params["page_type"] = ",".join(options["modelNames"])
        if multiple:
            params["multiple"] = "1"
        modal = self.client.get(options["modalUrl"], params)
        self.assertEqual(modal.status_code, 200)
        modal_html = json.loads(modal.content)["html"]
        form = re.search(r"<form[^>]*(data-chooser-modal-search|search-form)[^>]*>", modal_html)
        self.assertIsNotNone(form, "the chooser has no search box")
        action = re.search(r'action="([^"]+)"', form.group(0)).group(1)
        url = html.unescape(action)
        url += ("&" if "?" in url else "?") + urlencode({**params, "q": query})
        results = self.client.get(url)
        self.assertEqual(results.status_code, 200)
        body = results.content.decode()
        if results["Content-Type"].startswith("application/json"):
            body = json.loads(body)["html"]
        tbody = body.split("<tbody", 1)[-1]
        return [text_of(row) for row in re.findall(r"<tr\b.*?</tr>", tbody, re.S)]

    def assert_offers_qibao_once_with_its_district(self, rows):
        self.assertEqual(len(rows), 1, rows)
        self.assertIn("东亭社区七宝巡逻队", rows[0])
        self.assertIn("武昌区", rows[0])

    def test_funding_and_evaluation_records(self):
        for model in ("fundingrecord", "evaluationrecord"):
            options = self.chooser_options(
                reverse(f"wagtailsnippets_disclosure_{model}:add"), "id_organization"
            )
            self.assert_offers_qibao_once_with_its_district(self.search(options, "七宝"))

    def test_notices_and_cases(self):
        sections = self.world["sections"]
        for app, model, index, relation in [
            ("disclosure", "noticepage", sections["notices"], "notice_organizations"),
            ("cases", "casepage", sections["cases"], "case_organizations"),
        ]:
            options = self.chooser_options(
                reverse("wagtailadmin_pages:add", args=[app, model, index.pk]),
                f"id_{relation}-__prefix__-organization",
            )
            rows = self.search(options, "七宝", multiple=True)
            self.assert_offers_qibao_once_with_its_district(rows)

    def test_hub_of_an_organization(self):
        options = self.chooser_options(
            reverse("wagtailadmin_pages:edit", args=[self.world["orgs"]["qibao"].pk]), "id_hub"
        )
        rows = self.search(options, "联合会")
        self.assertEqual(len(rows), 1, rows)
        self.assertIn("水果湖街道社区社会组织联合会", rows[0])
        self.assertIn("武昌区", rows[0])

    def test_every_row_is_simplified_and_names_its_district(self):
        options = self.chooser_options(
            reverse("wagtailsnippets_disclosure_fundingrecord:add"), "id_organization"
        )
        rows = self.search(options, "社区")
        titles = {org.title for org in self.world["orgs"].values() if "社区" in org.title}
        self.assertEqual(len(rows), len(titles), rows)
        for title in titles:
            row = next(row for row in rows if title in row)
            district = "青山区" if "青和居" in title else "武昌区"
            self.assertIn(district, row)
        self.assertFalse([row for row in rows if "社區" in row], rows)

    def chosen_titles(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        titles = re.findall(r"data-chooser-title[^>]*>(.*?)</", response.content.decode(), re.S)
        return [text_of(title) for title in titles]

    def test_the_chosen_organization_shows_its_district(self):
        qibao = self.world["orgs"]["qibao"]
        record = qibao.funding_records.get()
        self.assertIn(
            "东亭社区七宝巡逻队（武昌区）",
            self.chosen_titles(
                reverse("wagtailsnippets_disclosure_fundingrecord:edit", args=[record.pk])
            ),
        )
        case = CasePageFactory(parent=self.world["sections"]["cases"])
        CaseOrganization.objects.create(case=case, organization=qibao)
        self.assertIn(
            "东亭社区七宝巡逻队（武昌区）",
            self.chosen_titles(reverse("wagtailadmin_pages:edit", args=[case.pk])),
        )
        self.assertIn(
            "水果湖街道社区社会组织联合会（武昌区）",
            self.chosen_titles(reverse("wagtailadmin_pages:edit", args=[qibao.pk])),
        )
