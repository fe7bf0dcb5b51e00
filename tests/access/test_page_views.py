"""Pages: an editor of 水果湖街道 gets 403 from every admin view of another street's
organization or notice, and the views work for their own (docs/editors.md).

The views are enumerated from the URL configuration (tests/access/admin_urls.py): every
admin URL that takes a page, so a view added by a later Wagtail or wagtail-localize is
tested without anyone listing it. Requests say they come from JavaScript, for which
Wagtail answers a refusal with 403 (a browser's page request gets a redirect to the
dashboard with "Sorry, you do not have permission")."""

from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from wagtail.models import GroupPagePermission, Page

from tests.access.admin_urls import admin_patterns
from tests.shared_world import ScopedWorldTestCase

PAGE_KWARGS = {"page_id", "page_to_move_id", "pk"}
PAGE_NAMESPACES = (
    "wagtailadmin_pages:",
    "wagtailadmin_api:pages:",
    "wagtailadmin_editing_sessions:",
    "wagtail_localize:",
)
# Views that refuse the editor their own page too, for a reason that is not the region:
# acting on a review task is for the reviewers; a page is locked while in review (so not
# unpublished); translating is wagtail-localize's permission, which editors do not have
# (the twins are synced automatically); and a page that is not an alias has nothing to
# convert (404).
REFUSED_ON_OWN_PAGES_TOO = {
    "wagtailadmin_pages:convert_alias",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_pages:workflow_preview",
    "wagtailadmin_pages:unpublish",
    "wagtail_localize:submit_page_translation",
    "wagtail_localize:convert_to_alias",
}
AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def page_urls():
    """(name, parameter names) of every admin URL that takes a page."""
    return sorted(
        (name, params)
        for name, params, _route in admin_patterns()
        if params & PAGE_KWARGS
        and name.startswith(PAGE_NAMESPACES)
        # wagtail-localize's snippet URLs take a snippet's pk, not a page's.
        and not (name.startswith("wagtail_localize:") and "model_name" in params)
    )


class PageViewsTests(ScopedWorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        world = cls.world
        # The street's editors may publish and lock here, so that what refuses them is
        # the region alone (the command gives them add and change only).
        for section in ("orgs", "notices"):
            for codename in ("publish_page", "lock_page", "unlock_page"):
                GroupPagePermission.objects.get_or_create(
                    group=world["groups"]["shuiguohu"],
                    page=world["sections"][section],
                    permission=Permission.objects.get(codename=codename),
                )
        cls.own = {"organization": world["orgs"]["qibao"], "notice": world["notices"]["change"]}
        cls.others = {
            "organization": world["orgs"]["qiaomen"],
            "notice": world["notices"]["exit"],
            # Concerns 七宝巡逻队 and 天天敲门组: not wholly the street's.
            "notice of two streets": world["funding"],
        }
        # Each page in review, so that the workflow views have a task to show.
        bureau = world["users"]["bureau"]
        cls.states = {}
        for page in [*cls.own.values(), *cls.others.values()]:
            page.save_revision(user=bureau)
            cls.states[page.pk] = page.get_workflow().start(page, bureau)

    def setUp(self):
        self.client.force_login(self.world["users"]["shuiguohu"])

    def url(self, name, params, page):
        state = self.states[page.pk]
        values = {
            "page_id": page.pk,
            "page_to_move_id": page.pk,
            "pk": page.pk,
            "object_id": page.pk,
            "destination_id": page.get_parent().pk,
            "revision_id": page.get_latest_revision().pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "workflow_state_id": state.pk,
            "task_state_id": state.current_task_state.pk,
            "task_id": state.current_task_state.task_id,
            "action_name": "approve",
            "app_label": "wagtailcore",
            "model_name": "page",
            "session_id": 1,
        }
        return reverse(name, kwargs={key: values[key] for key in params})

    def test_the_urls_are_enumerated(self):
        names = {name for name, _params in page_urls()}
        for expected in (
            "wagtailadmin_pages:edit",
            "wagtailadmin_pages:delete",
            "wagtailadmin_pages:unpublish",
            "wagtailadmin_pages:move",
            "wagtailadmin_pages:copy",
            "wagtailadmin_pages:revisions_view",
            "wagtailadmin_pages:history",
            "wagtail_localize:submit_page_translation",
        ):
            self.assertIn(expected, names)

    def test_every_view_of_another_streets_page_is_403(self):
        copies = Page.objects.count()
        for label, page in self.others.items():
            before = Page.objects.filter(pk=page.pk).values().get()
            for name, params in page_urls():
                with self.subTest(label, view=name):
                    try:
                        url = self.url(name, params, page)
                    except NoReverseMatch:
                        self.fail(f"{name} takes {params}: give the test a value")
                    answers = {
                        method: getattr(self.client, method)(url, follow=True, **AJAX).status_code
                        for method in ("get", "post")
                    }
                    # Refused (403), or not found (404: the admin API finds only the pages
                    # the user may explore); a method the view does not answer is 405.
                    self.assertTrue(set(answers.values()) <= {403, 404, 405}, answers)
                    self.assertTrue({403, 404} & set(answers.values()), answers)
            # Nothing was published, unpublished, moved, locked, copied or deleted.
            self.assertEqual(Page.objects.filter(pk=page.pk).values().get(), before, label)
            self.assertEqual(copies, Page.objects.count(), label)

    def test_the_views_answer_for_the_streets_own_pages(self):
        for label, page in self.own.items():
            for name, params in page_urls():
                if name in REFUSED_ON_OWN_PAGES_TOO:
                    continue
                with self.subTest(label, view=name):
                    url = self.url(name, params, page)
                    status = self.client.get(url, follow=True, **AJAX).status_code
                    self.assertIn(status, {200, 405}, name)

    def test_the_district_editor_edits_both_of_its_streets_and_not_the_other_district(self):
        self.client.force_login(self.world["users"]["wuchang"])
        for key, status in (("qibao", 200), ("yangsheng", 200), ("qiaomen", 403)):
            with self.subTest(key):
                page = self.world["orgs"][key]
                response = self.client.get(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]), **AJAX
                )
                self.assertEqual(response.status_code, status)

    def test_the_bureau_edits_every_street(self):
        self.client.force_login(self.world["users"]["bureau"])
        for page in [*self.own.values(), *self.others.values()]:
            with self.subTest(page.title):
                response = self.client.get(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]), **AJAX
                )
                self.assertEqual(response.status_code, 200)
