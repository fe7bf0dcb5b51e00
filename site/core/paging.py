"""Pagination that never fails on a bad ?page= value."""

from django.core.paginator import Paginator

PAGE_PARAM = "page"


def paginate(request, object_list, per_page=20):
    """The requested page; a missing, malformed or out-of-range number gives the nearest page."""
    paginator = Paginator(object_list, per_page)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAM))
    page_obj.elided_range = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )
    return page_obj
