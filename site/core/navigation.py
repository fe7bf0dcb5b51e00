"""The main navigation: home plus its "show in menus" children, in the reader's script.

Cached because every page shows it and it changes only when pages are published,
unpublished, moved or deleted; any of those clears it.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "site-navigation:{site}:{language}"
CACHE_VERSION_KEY = "site-navigation:version"


def _build(site, request):
    root = site.root_page
    try:
        root = root.get_translation(Locale.get_active())
    except (Page.DoesNotExist, Locale.DoesNotExist):
        pass
    items = [
        {
            "title": "首页",
            "url": root.get_url(request),
            "pk": root.pk,
            "path": root.path,
            "depth": root.depth,
        }
    ]
    for child in root.get_children().live().in_menu().order_by("path"):
        items.append(
            {
                "title": child.title,
                "url": child.get_url(request),
                "pk": child.pk,
                "path": child.path,
                "depth": child.depth,
            }
        )
    return items


def navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    version = cache.get_or_set(CACHE_VERSION_KEY, 1, None)
    key = CACHE_KEY.format(site=site.pk, language=get_language())
    items = cache.get(key, version=version)
    if items is None:
        items = _build(site, request)
        cache.set(key, items, 3600, version=version)
    return items


def clear_navigation(**kwargs):
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 1, None)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    clear_navigation()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_navigation()
