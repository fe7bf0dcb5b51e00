"""Item: a new organization's slug is short and stable: pinyin of its short name (or
title), not the Chinese title Wagtail's title→slug sync would put there.

The browser's part is emulated the way Wagtail's JavaScript does it: while the title field
is wired to the slug field (a w-sync#apply action, targeting the slug input), typing a
title fills the slug with the title slugified (Unicode kept, WAGTAIL_ALLOW_UNICODE_SLUGS);
otherwise the slug field sends what it shows."""

import html
import re

from django.urls import reverse
from django.utils.text import slugify

from orgs.models import OrganizationPage
from tests.orgs.world import EditorTestCase, organization_form


def input_attrs(page_html, name):
    tag = re.search(r'<input[^>]*\bname="' + name + r'"[^>]*>', page_html)
    assert tag, f"no input {name}"
    return dict(
        (key, html.unescape(value))
        for key, value in re.findall(r'([\w-]+)="([^"]*)"', tag.group(0))
    )


class SlugTests(EditorTestCase):
    def browser_slug(self, form_url, title, typed_slug=None):
        """The slug the browser would send after the editor typed `title`."""
        page = self.client.get(form_url).content.decode()
        if typed_slug is not None:
            return typed_slug
        title_input = input_attrs(page, "title")
        if "w-sync#apply" in title_input.get("data-action", "") and "#id_slug" in title_input.get(
            "data-w-sync-target-value", ""
        ):
            return slugify(title, allow_unicode=True)
        return input_attrs(page, "slug").get("value", "")

    def data(self, title, slug, short_name="", **overrides):
        filing_number = overrides.pop("filing_number", "武昌水备字〔2026〕第21号")
        return organization_form(
            self.world,
            title=title,
            slug=slug,
            short_name=short_name,
            filing_number=filing_number,
            **overrides,
        )

    def create(self, title, short_name="", typed_slug=None, publish=True, **fields):
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        data = self.data(title, self.browser_slug(url, title, typed_slug), short_name, **fields)
        if publish:
            data["action-publish"] = "1"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[-3000:])
        return OrganizationPage.objects.get(title=title, locale__language_code="zh-hans")

    def twin_of(self, page):
        return OrganizationPage.objects.get(
            translation_key=page.translation_key, locale__language_code="zh-hant"
        )

    def test_the_slug_is_pinyin_of_the_short_name(self):
        page = self.create("东亭社区邻里互助队", short_name="邻里互助队")
        self.assertEqual(page.slug, "linlihuzhu-dui")
        self.assertEqual(page.url, "/zh-hans/orgs/linlihuzhu-dui/")

    def test_without_a_short_name_the_title_is_used_and_kept_short(self):
        page = self.create("武汉市武昌区水果湖街道东亭社区七宝巡逻志愿服务队")
        self.assertRegex(page.slug, r"^[a-z0-9-]+$")
        self.assertLessEqual(len(page.slug), 40)
        self.assertTrue(page.slug.startswith("wuhanshi-wuchangqu-"), page.slug)

    def test_the_zh_hant_twin_keeps_the_same_slug(self):
        page = self.create("东亭社区邻里互助队", short_name="邻里互助队")
        twin = self.twin_of(page)
        self.assertEqual(twin.title, "東亭社區鄰里互助隊")
        self.assertEqual(twin.slug, page.slug)
        self.assertEqual(twin.url, "/zh-hant/orgs/linlihuzhu-dui/")

    def test_a_second_organization_of_the_same_name_gets_a_suffix(self):
        first = self.create("东亭社区邻里互助队", short_name="邻里互助队")
        second = self.create(
            "茶港社区邻里互助队", short_name="邻里互助队", filing_number="武昌水备字〔2026〕第22号"
        )
        self.assertEqual(first.slug, "linlihuzhu-dui")
        self.assertEqual(second.slug, "linlihuzhu-dui-2")
        self.assertEqual(self.twin_of(second).slug, "linlihuzhu-dui-2")

    def test_the_editor_can_choose_the_slug(self):
        page = self.create(
            "东亭社区邻里互助队", short_name="邻里互助队", typed_slug="dongting-huzhu"
        )
        self.assertEqual(page.slug, "dongting-huzhu")
        self.assertEqual(self.twin_of(page).slug, "dongting-huzhu")

    def test_renaming_a_draft_keeps_its_slug(self):
        draft = self.create("东亭社区邻里互助队", short_name="邻里互助队", publish=False)
        self.assertFalse(draft.live)
        slug = draft.slug
        url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
        new_title = "东亭社区邻里守望互助队"
        page = self.client.get(url).content.decode()
        self.assertEqual(input_attrs(page, "slug")["value"], slug)
        response = self.client.post(
            url, self.data(new_title, self.browser_slug(url, new_title), "邻里互助队")
        )
        self.assertEqual(response.status_code, 302)
        draft.refresh_from_db()
        self.assertEqual(draft.title, new_title)
        self.assertEqual(draft.slug, slug)

    def test_an_autosaved_new_organization_keeps_its_slug_when_published(self):
        # Wagtail autosaves the create form (a JSON request), which creates the page; the
        # browser then posts the same form, its slug field still blank, to the edit view.
        url = reverse(
            "wagtailadmin_pages:add",
            args=["orgs", "organizationpage", self.world["sections"]["orgs"].pk],
        )
        title = "东亭社区邻里互助队"
        blank = self.browser_slug(url, title)
        self.assertEqual(blank, "")
        autosaved = self.client.post(
            url, self.data(title, blank, "邻里互助队"), HTTP_ACCEPT="application/json"
        )
        self.assertEqual(autosaved.status_code, 200, autosaved.content)
        draft = OrganizationPage.objects.get(title=title)
        self.assertEqual(draft.slug, "linlihuzhu-dui")
        # The still-open form is told the slug, so the editor sees it.
        self.assertEqual(autosaved.json()["field_updates"].get("slug"), "linlihuzhu-dui")
        data = self.data(title, blank, "邻里互助队")
        data["action-publish"] = "1"
        published = self.client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
        self.assertEqual(published.status_code, 302, published.content.decode()[-2000:])
        draft.refresh_from_db()
        self.assertTrue(draft.live)
        self.assertEqual(draft.slug, "linlihuzhu-dui")
        self.assertEqual(self.twin_of(draft).slug, "linlihuzhu-dui")

    def test_renaming_a_published_organization_keeps_its_slug(self):
        qibao = self.world["orgs"]["qibao"]
        url = reverse("wagtailadmin_pages:edit", args=[qibao.pk])
        new_title = "东亭社区七宝平安巡逻队"
        data = self.data(
            new_title,
            self.browser_slug(url, new_title),
            filing_number=qibao.filing_number,
            founded_on="",
            filed_on=qibao.filed_on.isoformat(),
            hub=qibao.hub_id,
            leader_name=qibao.leader_name,
        )
        data["action-publish"] = "1"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        qibao.refresh_from_db()
        self.assertEqual(qibao.title, new_title)
        self.assertEqual(qibao.slug, "qibao")
        self.assertEqual(self.twin_of(qibao).slug, "qibao")
