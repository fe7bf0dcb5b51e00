"""Pagination that never fails on a bad ?page= value."""

import re

from django.core.paginator import Paginator

from .query import MAX_INTEGER, safe_value

PAGE_PARAM = "page"
DIGITS = re.compile(r"[0-9]+")


def page_number(request):
    """The ?page= asked for as a number from 1 to MAX_INTEGER (a longer run of digits is
    past any last page: MAX_INTEGER), or None (missing, refused or not a whole number)."""
    value = safe_value(request.GET, PAGE_PARAM).strip()
    if not DIGITS.fullmatch(value):
        return None
    return int(value) if len(value) <= 10 and int(value) <= MAX_INTEGER else MAX_INTEGER


def paginate(request, object_list, per_page=20, count=None):
    """The requested page; a missing, malformed or out-of-range number gives the nearest page.
    `count`: the number of objects when the caller already knows it (a cached figure)."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: skips the COUNT query
    page_obj = paginator.get_page(page_number(request))
    page_obj.elided_range = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj


def unfiltered_count(values, key, queryset):
    """The unfiltered list's length is a figure of the published content: cached per content
    version (core.content_cache), since counting every organization of a locale is the
    slowest query of the page (~90 ms at 40,000 organizations in each script on SQLite).
    Filtered lists are counted each time."""
    from .content_cache import cached

    if any(value for name, value in values.items() if name not in ("sort", "page")):
        return None
    return cached(key, queryset.count)
