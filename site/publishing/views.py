"""The admin's report of every correction (报告 › 更正记录), for those who see everything
(the bureau, administrators): street editors see their objects' corrections in each
edit form (publishing.panels)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from access.scope import allowed_region_codes

from .models import Correction


def may_see_all_corrections(user):
    return user.is_active and allowed_region_codes(user) is None


def edit_url(correction):
    obj = correction.content_object
    if obj is None:
        return None
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    meta = obj._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[obj.pk])


def object_name(correction):
    obj = correction.content_object
    kind = correction.content_type.model_class()
    label = kind._meta.verbose_name if kind else ""
    return f"{label}：{obj}" if obj is not None else f"{label}（已删除）"


class CorrectionReportView(ReportView):
    page_title = "更正记录"
    header_icon = "history"
    index_url_name = "publishing_corrections"
    index_results_url_name = "publishing_corrections_results"
    model = Correction
    paginate_by = 50
    list_export = ["corrected_at", "object_name", "label", "before", "after", "reason"]
    export_headings = {
        "corrected_at": "更正时间",
        "object_name": "对象",
        "label": "更正项目",
        "before": "更正前",
        "after": "更正后",
        "reason": "更正说明",
    }
    columns = [
        DateColumn("corrected_at", label="更正时间"),
        TitleColumn(
            "object_name", label="对象", accessor=object_name, url_name=None, get_url=edit_url
        ),
        Column("label", label="更正项目"),
        Column("before", label="更正前"),
        Column("after", label="更正后"),
        Column("reason", label="更正说明"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_all_corrections(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Correction.objects.select_related("content_type")
            .prefetch_related("content_object")
            .order_by("-corrected_at", "-pk")
        )

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["object_name"] = object_name(item)
        return row
