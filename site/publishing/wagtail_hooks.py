from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import CorrectionReportView, may_see_all_corrections


class CorrectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_all_corrections(request.user)


@hooks.register("register_reports_menu_item")
def register_corrections_report():
    return CorrectionsMenuItem(
        "更正记录", reverse("publishing_corrections"), icon_name="history", order=900
    )


@hooks.register("register_admin_urls")
def register_corrections_report_urls():
    return [
        path("reports/corrections/", CorrectionReportView.as_view(), name="publishing_corrections"),
        path(
            "reports/corrections/results/",
            CorrectionReportView.as_view(results_only=True),
            name="publishing_corrections_results",
        ),
    ]
