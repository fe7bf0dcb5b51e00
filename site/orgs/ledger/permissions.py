"""Who may import and export ledgers, and for which regions."""

from access.scope import allowed_region_codes
from translation.locales import default_locale_id

from ..models import OrganizationIndexPage


def organization_index():
    return (
        OrganizationIndexPage.objects.filter(locale_id=default_locale_id()).order_by("path").first()
    )


__all__ = ["allowed_region_codes", "can_export", "can_import", "organization_index"]


def can_import(user):
    """May add organizations (Wagtail's page permissions on the directory): a street's
    editors too, for their own regions only (`allowed_region_codes`, from access: a row
    elsewhere is an error with its row number). The ledger is the street's existing
    register, written as it stands (docs/ledger.md, "Who may import")."""
    index = organization_index()
    if index is None or not user.is_active:
        return False
    return index.permissions_for_user(user).can_add_subpage()


def can_export(user):
    """May edit organizations (the export holds what editors see, phones included)."""
    index = organization_index()
    if index is None or not user.is_active:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()
