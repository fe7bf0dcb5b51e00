"""Writing a validated ledger: every row in one transaction, in bulk.

New organizations are written the way the demo's scale generator writes pages
(core.bulk_pages: treebeard paths, Page rows with bulk_create, the specific rows with
executemany), changed ones with executemany updates. Each gets a revision (as Wagtail's
publish would write: the admin's edit view opens the latest revision), and the
publish pipeline's effects run in bulk (publishing.pipeline.pages_written_in_bulk): the
zh-hant twins made or refreshed, the search entries written, the content cache bumped.
See docs/ledger.md."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from wagtail.models import Page

from taggit.models import Tag

from core.bulk_pages import TreeSlots, save_pages, save_revisions, update_pages
from publishing.pipeline import pages_written_in_bulk
from translation.locales import default_locale_id

from ..models import OrganizationIndexPage, OrganizationPage, OrganizationPageTag
from ..slugs import SlugAllocator, organization_slug
from .columns import COPIED_FIELDS

ANALYZE_AFTER = 5000  # new rows after which the planner's statistics are refreshed
# What a ledger row writes on an organization it changes (besides title and the
# revision fields), in Page's table or the organization's.
LEDGER_FIELDS = (*COPIED_FIELDS, "category_id", "region_id", "description")
REVISION_FIELDS = ("latest_revision_id", "live_revision_id", "latest_revision_created_at")


def organization_index(locale_id):
    return OrganizationIndexPage.objects.filter(locale_id=locale_id).order_by("path").first()


def lock_directory():
    """Lock the zh-hans directory page's row for the transaction: a second import (or a
    page added in the admin, which updates the parent's numchild) waits until this one
    is written. A no-op on SQLite, which writes one transaction at a time anyway."""
    index = organization_index(default_locale_id())
    if index is not None:
        list(Page.objects.select_for_update().filter(pk=index.pk).values_list("pk"))


def apply_plan(plan, user=None, on_step=None):
    """Write `plan` (a LedgerPlan without errors) in the caller's transaction; returns
    (created, changed) pages."""
    step = on_step or (lambda label: None)
    now = timezone.now()
    creates = [planned.page for planned in plan.creates]
    updates = [planned.page for planned in plan.updates]
    if not creates and not updates:
        return [], []
    locale_id = (creates or updates)[0].locale_id
    index = organization_index(locale_id)

    step("写入新组织")
    if creates:  # (reading every sibling's slug takes seconds at 40,000)
        slots = TreeSlots(index)
        slugs = SlugAllocator(index)
        content_type = ContentType.objects.get_for_model(OrganizationPage)
        for page in creates:
            page.slug = slugs.take(organization_slug(page.short_name, page.title))
            page.path = slots.take()
            page.depth = index.depth + 1
            page.numchild = 0
            page.url_path = f"{index.url_path}{page.slug}/"
            page.content_type = content_type
            page.translation_key = uuid.uuid4()
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = now
            page.owner = user
            page.status = OrganizationPage.Status.ACTIVE  # see docs/ledger.md ("Status")
        save_pages(OrganizationPage, creates)
        slots.commit()

    step("写入变更")
    for page in updates:
        page.draft_title = page.title
        if page.live:
            page.last_published_at = now
            page.has_unpublished_changes = False
        else:  # withdrawn: changed, and stays withdrawn until published again
            page.has_unpublished_changes = True

    step("写入服务领域")
    write_tags(plan)

    step("写入修订记录")
    save_revisions(creates, user, now)
    save_revisions(updates, user, now)
    update_pages(OrganizationPage, creates, REVISION_FIELDS)
    update_pages(
        OrganizationPage,
        updates,
        (
            "title",
            "draft_title",
            "last_published_at",
            "has_unpublished_changes",
            *REVISION_FIELDS,
            *LEDGER_FIELDS,
        ),
    )

    step("繁体页面、搜索与缓存")
    pages_written_in_bulk(OrganizationPage, creates + updates)
    if len(creates) >= ANALYZE_AFTER:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return creates, updates


def write_tags(plan):
    """服务领域: the rows' tags, replacing those of the organizations a row changes."""
    rows = plan.creates + [planned for planned in plan.updates if planned.tags_changed]
    names = {name for planned in rows for name in planned.tags}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - tags.keys()):
        tags[name] = Tag.objects.create(name=name)  # taggit makes the slug
    replaced = [planned.page.pk for planned in plan.updates if planned.tags_changed]
    for start in range(0, len(replaced), 500):
        OrganizationPageTag.objects.filter(
            content_object_id__in=replaced[start : start + 500]
        ).delete()
    OrganizationPageTag.objects.bulk_create(
        [
            OrganizationPageTag(content_object_id=planned.page.pk, tag=tags[name])
            for planned in rows
            for name in planned.tags
        ],
        batch_size=2000,
    )
