"""The admin's permission checks, narrowed to the user's regions (docs/editors.md).

Wagtail asks three things, and each is narrowed here:

- "may this user do X to this page?": `Page.permissions_for_user()`, which a page class may
  override. Region-scoped page types return `ScopedPagePermissionTester`, whose every
  `can_*` answer is also "no" for a page outside the user's regions. The edit, delete,
  publish, unpublish, move, copy, lock, revisions, history, preview, usage, privacy and
  workflow views and the bulk actions all ask the tester.
- "which pages may this user act on?": the permission policy registered for `Page`
  (`instances_user_has_any_permission_for`, and `explorable_instances` built on it). The
  explorer's listing, the admin page search, the dashboard panels, the reports and the
  site history filter pages with it, so out-of-scope pages are left out by one query.
- for records (snippets): the policy registered for each region-scoped model answers both
  (instance checks for edit, delete, copy and bulk delete; `scoped()` for the rest), and
  `access.viewsets.RegionScopedViewSetMixin` narrows the listing, its chooser and every
  view that loads one record.

Each region-scoped page type also gets a page viewset (`access.viewsets`) whose every view
refuses an out-of-scope page before it runs, for the views that check nothing on GET.

This module is imported by the models (the page mixin); the viewsets, which import
Wagtail's admin views, live in access/viewsets.py."""

from functools import cache, wraps

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import cached_property

from wagtail.models import DraftStateMixin, Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .scope import RegionScoped, allowed_region_codes, in_scope, scoped


class ScopedPagePermissionTester(PagePermissionTester):
    """Wagtail's answers, and "no" to everything for a page outside the user's regions."""

    @cached_property
    def in_scope(self):
        return in_scope(self.user, self.page)


def _within_scope(check):
    @wraps(check)
    def scoped_check(self, *args, **kwargs):
        return self.in_scope and check(self, *args, **kwargs)

    return scoped_check


# Every check, including any a later Wagtail adds (tests/access check the list).
for _name in dir(PagePermissionTester):
    if _name.startswith("can_"):
        setattr(
            ScopedPagePermissionTester,
            _name,
            _within_scope(getattr(PagePermissionTester, _name)),
        )


class RegionScopedPage(RegionScoped):
    """A page type whose pages belong to regions (mixed into the page model)."""

    def permissions_for_user(self, user):
        return ScopedPagePermissionTester(user, self)


@cache
def scoped_page_models():
    return tuple(model for model in apps.get_models() if issubclass(model, RegionScopedPage))


@cache
def scoped_record_models():
    """The region-scoped models that are not pages (funding and evaluation records)."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, RegionScoped) and not issubclass(model, Page)
    )


def pages_in_scope(pages, user):
    """`pages` (a queryset of any page type) without the region-scoped pages that lie
    outside `user`'s regions; other pages (index pages, cases) are left alone."""
    prefixes = allowed_region_codes(user)
    if prefixes is None:
        return pages
    condition = Q()
    for model in scoped_page_models():
        content_type = ContentType.objects.get_for_model(model)
        within = scoped(model._default_manager.all(), user)
        condition &= ~Q(content_type=content_type) | Q(pk__in=within.values("pk"))
    return pages.filter(condition)


def page_in_scope(user, page):
    """Whether `user` may act on `page` (any page object, base or specific)."""
    if allowed_region_codes(user) is None:
        return True
    model = page.specific_class
    if model is None or not issubclass(model, RegionScopedPage):
        return True
    return in_scope(user, page if isinstance(page, model) else page.specific_deferred)


class RegionScopedPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, without the pages outside the user's regions."""

    def instances_user_has_any_permission_for(self, user, actions):
        return pages_in_scope(super().instances_user_has_any_permission_for(user, actions), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and page_in_scope(user, instance)


class RegionScopedModelPolicy(ModelPermissionPolicy):
    """Django's model permissions, for the rows within the user's regions only."""

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and in_scope(user, instance)
            and not self.takes_away_published(user, action, instance)
        )

    def takes_away_published(self, user, action, instance):
        """Deleting a record readers see withdraws it: like unpublishing, that needs the
        right to publish (Wagtail asks the same of a live page). A draft its editor may
        delete."""
        return (
            action == "delete"
            and isinstance(instance, DraftStateMixin)
            and instance.live
            and not self.user_has_permission(user, "publish")
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return scoped(super().instances_user_has_any_permission_for(user, actions), user)


def register_policies():
    """Called by AccessConfig.ready(), before any admin view asks the registry."""
    if not isinstance(policy_registry.get_by_type(Page), RegionScopedPagePolicy):
        register_permission_policy(Page, RegionScopedPagePolicy(Page))
    for model in scoped_record_models():
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, RegionScopedModelPolicy(model), exact_class=True)
