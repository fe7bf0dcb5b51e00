"""The admin report of the organizations whose hub has not reported them for the last
completed half-year (docs/archive.md), with Wagtail's CSV/XLSX export. Each editor sees
their own regions' organizations (access), the bureau all."""

from django.core.exceptions import PermissionDenied

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from core.dates import today

from .half_year import last_completed_half_year, missing_reports


def may_see_missing_reports(user):
    """Whoever may add or change half-year reports (the street and district editors, the
    bureau, superusers)."""
    return user.is_active and (
        user.has_perm("orgs.add_halfyearreport") or user.has_perm("orgs.change_halfyearreport")
    )


def street_of(organization):
    region = organization.region
    chain = region.ancestors_and_self() if region is not None else []
    return chain[1].name if len(chain) > 1 else ""


def district_of(organization):
    region = organization.region
    return region.district.name if region is not None else ""


class MissingHalfYearReportsView(ReportView):
    header_icon = "calendar-alt"
    index_url_name = "orgs_missing_half_year_reports"
    index_results_url_name = "orgs_missing_half_year_reports_results"
    paginate_by = 100
    list_export = ["title", "hub_title", "street", "district", "filed_on"]
    export_headings = {
        "title": "组织名称",
        "hub_title": "枢纽型组织",
        "street": "街道",
        "district": "区",
        "filed_on": "备案日期",
    }
    columns = [
        Column("title", label="组织名称"),
        Column("hub_title", label="枢纽型组织"),
        Column("street", label="街道"),
        Column("district", label="区"),
        DateColumn("filed_on", label="备案日期"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_missing_reports(request.user):
            raise PermissionDenied
        self.half_year = last_completed_half_year(today())
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return f"未报送{self.half_year.label}台账的组织"

    def get_export_filename(self):
        return f"未报送半年报-{self.half_year.year}-{self.half_year.half}"

    def get_queryset(self):
        return missing_reports(self.request.user, self.half_year)

    def decorate_paginated_queryset(self, object_list):
        for organization in object_list:
            organization.hub_title = organization.hub.title
            organization.street = street_of(organization)
            organization.district = district_of(organization)
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)
