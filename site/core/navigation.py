"""The main navigation: home plus its "show in menus" children, in the reader's script."""

from django.utils.translation import get_language, gettext

from wagtail.models import Locale, Page, Site

from .content_cache import cached


def _build(site, request):
    root = site.root_page
    try:
        root = root.get_translation(Locale.get_active())
    except (Page.DoesNotExist, Locale.DoesNotExist):
        pass
    pages = [root, *root.get_children().live().in_menu().order_by("path")]
    items = [
        {
            "title": page.title,
            "url": page.get_url(request),
            "pk": page.pk,
            "path": page.path,
            "depth": page.depth,
        }
        for page in pages
    ]
    items[0]["title"] = gettext("Home")
    return items


def navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return cached(f"site-navigation:{site.pk}:{get_language()}", lambda: _build(site, request))
