"""The notice list: filter by kind, state, district, street and year (disclosure.filters,
shared with its downloads, feeds and the API)."""

from core.dates import today
from core.paging import paginate, unfiltered_count
from core.query import ignored_filters

from .feeds import feed_links
from .filters import NoticeFilter
from .models import NoticePage

PER_PAGE = 20


def notice_list_context(index_page, request):
    filterset = NoticeFilter(
        request.GET,
        # One list per locale: the zh-hant list shows the zh-hant twins.
        queryset=NoticePage.objects.live().filter(locale_id=index_page.locale_id),
        request=request,
    )
    filterset.is_valid()
    values = filterset.form.cleaned_data
    notices = filterset.qs.order_by("-starts_on", "-page_ptr_id")
    page_obj = paginate(
        request,
        notices,
        PER_PAGE,
        count=unfiltered_count(values, f"notice-count:{index_page.locale_id}", notices),
    )
    return {
        "filter_form": filterset.form,
        "page_obj": page_obj,
        "notices": list(page_obj.object_list),
        "ignored_filters": ignored_filters(filterset.form),
        "today": today(),
        "downloads": index_page.download_links(request),
        **feed_links(request, index_page.get_url(request), index_page.title),
    }
