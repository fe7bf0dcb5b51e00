"""The record tables under 信息公开: /disclosure/funding/ and /disclosure/evaluations/.
Filterable (disclosure.filters, shared with their downloads and the API), sortable,
paginated, with the filtered total; each row links its organization in the reader's
script."""

from django.db.models import Count, Sum

from core.paging import paginate
from core.query import ignored_filters
from publishing.corrections import with_corrections
from translation.locales import with_display_notices, with_display_organizations

from .filters import EvaluationFilter, FundingFilter
from .models import EvaluationRecord, FundingRecord

PER_PAGE = 30
ORGANIZATION = ("organization__region__parent__parent", "organization__category")
# The fields each table's filter form shows, in order (the API accepts the rest too).
FUNDING_FIELDS = ("year_from", "year_to", "district", "street", "source", "category", "sort")
EVALUATION_FIELDS = (
    "kind",
    "star",
    "year_from",
    "year_to",
    "district",
    "street",
    "category",
    "sort",
)


def shown_fields(form, names):
    return [form[name] for name in names if name in form.fields]


def record_table_context(page, request, filterset, per_page=PER_PAGE):
    filterset.is_valid()
    records = filterset.qs
    page_obj = paginate(request, records, per_page=per_page)
    rows = list(page_obj.object_list)
    with_corrections(rows)  # "已更正" on a corrected record's row
    return {
        "filter_form": filterset.form,
        "page_obj": page_obj,
        # Each row links its organization and the notice that announced it (its
        # provenance) in the page's script.
        "records": with_display_notices(
            with_display_organizations(rows, page.locale_id), page.locale_id
        ),
        "ignored_filters": ignored_filters(filterset.form),
    }


def funding_table_context(page, request):
    filterset = FundingFilter(
        request.GET,
        queryset=FundingRecord.objects.live()
        .select_related(*ORGANIZATION)
        .order_by("-year", "-awarded_on", "-pk"),
        request=request,
    )
    context = record_table_context(page, request, filterset)
    selection = filterset.qs.order_by().aggregate(total=Sum("amount"), count=Count("pk"))
    context.update(
        {
            "fields": shown_fields(filterset.form, FUNDING_FIELDS),
            "selection_total": selection["total"] or 0,
            "selection_count": selection["count"],
        }
    )
    return context


def evaluation_table_context(page, request):
    filterset = EvaluationFilter(
        request.GET,
        queryset=EvaluationRecord.objects.live()
        .select_related(*ORGANIZATION)
        .order_by("-evaluated_on", "-pk"),
        request=request,
    )
    context = record_table_context(page, request, filterset)
    context.update(
        {
            "fields": shown_fields(filterset.form, EVALUATION_FIELDS),
            "selection_count": context["page_obj"].paginator.count,
        }
    )
    return context
