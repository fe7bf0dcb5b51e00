from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .choosers import organization_chooser_viewset
from .ledger import can_export, can_import
from .ledger import views as ledger_views


@hooks.register("register_admin_viewset")
def register_organization_chooser():
    return organization_chooser_viewset


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
