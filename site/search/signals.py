"""Updates of Wagtail's own (modelsearch) index that its signal handlers do not cover.

Wagtail indexes a page when it is saved, but tags and other child rows are written
after that save, and an organization's index entry also carries its region's and
category's names. So: re-index a page after it is published or moved, and re-index the
organizations of a renamed region or category. (The public search filters on `live`,
so an unpublished page simply stops matching.) The public engines' own stores follow
the content through search/sync.py.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.search import index
from wagtail.signals import page_published, post_page_move

from .sync import REGION_REINDEX_LIMIT


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs):
    index.insert_or_update_object(instance.specific)


@receiver(post_page_move)
def reindex_moved_page(sender, instance, **kwargs):
    index.insert_or_update_object(instance.specific)


@receiver(post_save, sender="taxonomy.Region")
@receiver(post_save, sender="taxonomy.Category")
def reindex_organizations_of(sender, instance, created, **kwargs):
    if created:
        return
    from orgs.models import OrganizationPage

    if sender._meta.model_name == "region":
        organizations = OrganizationPage.objects.filter(region__in=instance.descendant_ids())
    else:
        organizations = OrganizationPage.objects.filter(category=instance)
    for organization in organizations.select_related("region__parent__parent", "category")[
        :REGION_REINDEX_LIMIT
    ]:
        index.insert_or_update_object(organization)
