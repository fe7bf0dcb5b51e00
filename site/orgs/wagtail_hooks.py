from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from access.viewsets import RegionScopedViewSetMixin

from .archive import documents_for, may_open
from .choosers import organization_chooser_viewset
from .dashboard import MissingHalfYearReportsPanel
from .ledger import can_export, can_import
from .ledger import views as ledger_views
from .models import HalfYearReport
from .reports import MissingHalfYearReportsView, may_see_missing_reports


@hooks.register("register_admin_viewset")
def register_organization_chooser():
    return organization_chooser_viewset


# The archive (档案): editor-only documents (orgs/archive.py, docs/archive.md) --------------
@hooks.register("before_serve_document")
def refuse_editor_only_documents(document, request):
    """Wagtail's document view: a 404 for an editor-only document, unless the user is an
    editor of one of its organizations' regions (or the bureau)."""
    if not may_open(request.user, document):
        raise Http404


@hooks.register("construct_document_chooser_queryset")
def hide_other_streets_private_documents(documents, request):
    return documents_for(documents, request.user)


# The ledger (台账): import and export, under one menu item ------------------------------
class LedgerMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [
        path("ledger/import/", ledger_views.LedgerImportView.as_view(), name="orgs_ledger_import"),
        path("ledger/import/confirm/", ledger_views.confirm_import, name="orgs_ledger_confirm"),
        path(
            "ledger/import/<str:token>/errors.csv",
            ledger_views.import_errors,
            name="orgs_ledger_errors",
        ),
        path("ledger/export/", ledger_views.LedgerExportView.as_view(), name="orgs_ledger_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_ledger_menu():
    menu = Menu(
        items=[
            LedgerMenuItem(
                _("Import ledger"),
                reverse("orgs_ledger_import"),
                name="ledger-import",
                icon_name="upload",
                order=10,
                check=can_import,
            ),
            LedgerMenuItem(
                _("Export ledger"),
                reverse("orgs_ledger_export"),
                name="ledger-export",
                icon_name="download",
                order=20,
                check=can_export,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Organization ledger"), menu, name="ledger", icon_name="table", order=190
    )


# Half-year reports (半年报, docs/archive.md) ----------------------------------------------
class HalfYearReportViewSet(RegionScopedViewSetMixin, SnippetViewSet):
    model = HalfYearReport
    icon = "calendar-alt"
    menu_label = "半年报"
    menu_order = 195
    add_to_admin_menu = True
    list_display = ["hub", "half_year_label", "submitted_on"]
    list_filter = ["year", "half"]
    search_fields = ["hub__title"]
    search_backend_name = None  # the database's own LIKE, as for the records
    list_per_page = 50


register_snippet(HalfYearReportViewSet)


class MissingReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_missing_reports(request.user)


@hooks.register("register_admin_urls")
def register_missing_reports_urls():
    return [
        path(
            "reports/half-year-missing/",
            MissingHalfYearReportsView.as_view(),
            name="orgs_missing_half_year_reports",
        ),
        path(
            "reports/half-year-missing/results/",
            MissingHalfYearReportsView.as_view(results_only=True),
            name="orgs_missing_half_year_reports_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_reports_menu_item():
    return MissingReportsMenuItem(
        "未报送半年报的组织",
        reverse("orgs_missing_half_year_reports"),
        name="half-year-missing",
        icon_name="calendar-alt",
        order=700,
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(MissingHalfYearReportsPanel(request))
