"""The organizations' panel on the admin dashboard (core.dashboard): the members of hubs
with no half-year report for the last completed half-year, in the editor's regions."""

from django.urls import reverse

from core.dashboard import DashboardPanel, DashboardRow
from core.dates import today

from .half_year import last_completed_half_year, missing_reports
from .reports import may_see_missing_reports


class MissingHalfYearReportsPanel(DashboardPanel):
    empty_text = "上一个半年度，所有枢纽型组织的成员组织都已报送。"
    order = 155

    def __init__(self, request):
        super().__init__(request)
        self.half_year = last_completed_half_year(today())

    @property
    def heading(self):
        return f"未报送{self.half_year.label}半年报的组织"

    def is_shown(self):
        return may_see_missing_reports(self.request.user)

    def queryset(self):
        return missing_reports(self.request.user, self.half_year)

    def row(self, organization):
        return DashboardRow(
            organization.title,
            self.edit_url(organization),
            f"所属枢纽型组织：{organization.hub.title}",
        )

    def more_url(self):
        return reverse("orgs_missing_half_year_reports")
