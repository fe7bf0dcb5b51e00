"""A new page's slug may be left blank (core.slugs): Wagtail's title→slug sync keeps
nothing of a Chinese title, so the form makes one. Notices: start date and kind; cases:
date; organizations: pinyin (tests/orgs/test_admin_slug.py). An existing page keeps its
slug when the field comes back blank."""

import datetime

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cases.models import CasePage
from core.dates import today
from disclosure.models import NoticePage
from tests.orgs.world import EditorTestCase

DAY = datetime.date(2026, 12, 1)


class BlankSlugTests(EditorTestCase):
    def notice_form(self, **fields):
        data = {
            "title": "关于东亭社区邻里互助队备案的公示",
            "slug": "",
            "kind": "filing",
            "reference_number": "",
            "issuer": "武昌区水果湖街道办事处",
            "starts_on": DAY.isoformat(),
            "ends_on": (DAY + datetime.timedelta(days=6)).isoformat(),
            "notice_organizations": inline_formset(
                [{"organization": self.world["orgs"]["qibao"].pk}]
            ),
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "objection_contact": "",
        }
        data.update(fields)
        return nested_form_data(data)

    def add(self, model, parent, data):
        url = reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )
        return self.client.post(url, data)

    def test_a_new_notice_gets_its_date_and_kind(self):
        notices = self.world["sections"]["notices"]
        response = self.add(NoticePage, notices, self.notice_form())
        self.assertEqual(response.status_code, 302)
        first = NoticePage.objects.get(title="关于东亭社区邻里互助队备案的公示")
        self.assertEqual(first.slug, "20261201-filing")
        # The same day and kind again: unique among the siblings.
        response = self.add(NoticePage, notices, self.notice_form(title="另一份备案公示"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(NoticePage.objects.get(title="另一份备案公示").slug, "20261201-filing-2")

        # Edited with the field blank: the slug stays. The form repeats the organization
        # without its row's id (as after an autosave whose answer has not come back yet,
        # core/child_rows.py): the row is updated, not added again (a 500 before).
        edit = reverse("wagtailadmin_pages:edit", args=[first.pk])
        response = self.client.post(edit, self.notice_form(kind="change"))
        self.assertEqual(response.status_code, 302)
        first.refresh_from_db()
        self.assertEqual(first.get_latest_revision_as_object().slug, "20261201-filing")
        self.assertEqual(first.notice_organizations.count(), 1)

    def test_an_organization_chosen_twice_is_a_message(self):
        qibao = self.world["orgs"]["qibao"].pk
        twice = inline_formset([{"organization": qibao}, {"organization": qibao}])
        response = self.add(
            NoticePage,
            self.world["sections"]["notices"],
            self.notice_form(notice_organizations=twice),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(
            NoticePage.objects.filter(title="关于东亭社区邻里互助队备案的公示").exists()
        )

    def test_a_typed_slug_is_kept(self):
        notices = self.world["sections"]["notices"]
        self.add(NoticePage, notices, self.notice_form(slug="beian-linli"))
        self.assertTrue(NoticePage.objects.filter(slug="beian-linli").exists())

    def test_without_the_fields_to_make_one_the_form_says_what_is_missing(self):
        notices = self.world["sections"]["notices"]
        response = self.add(NoticePage, notices, self.notice_form(starts_on=""))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请填写网址别名")
        self.assertFalse(
            NoticePage.objects.filter(title="关于东亭社区邻里互助队备案的公示").exists()
        )

    def test_a_new_case_gets_its_date(self):
        cases = self.world["sections"]["cases"]
        data = nested_form_data(
            {
                "title": "东亭社区七宝巡逻队的夜间巡逻",
                "slug": "",
                "published_on": today().isoformat(),
                "summary": "巡逻队每晚巡逻。",
                "featured": "",
                "region": self.world["regions"]["dongting"].pk,
                "tags": "",
                "hero_image": "",
                "case_organizations": inline_formset([]),
                "body": streamfield([]),
                "outcomes": streamfield([]),
            }
        )
        response = self.add(CasePage, cases, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        case = CasePage.objects.get(title="东亭社区七宝巡逻队的夜间巡逻")
        self.assertEqual(case.slug, f"{today():%Y%m%d}-case")
