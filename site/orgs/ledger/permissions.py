"""Who may import and export ledgers, and for which regions."""

from translation.locales import default_locale_id

from ..models import OrganizationIndexPage


def allowed_region_codes(user):
    """The 区划代码 (of districts, streets or communities) under which `user` may import
    and export organizations, or None for all of them.

    The hook for the per-street permissions (a street editor imports only their street's
    rows): that work returns the codes of the user's streets here, and both the import
    (a row outside them is an error with its row number) and the export follow. Until
    then everyone who may import at all (`can_import`: the bureau's editors and
    superusers) may import everywhere."""
    return None


def organization_index():
    return (
        OrganizationIndexPage.objects.filter(locale_id=default_locale_id()).order_by("path").first()
    )


def can_import(user):
    """May add and publish organizations (Wagtail's page permissions on the directory)."""
    index = organization_index()
    if index is None or not user.is_active:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_publish_subpage()


def can_export(user):
    """May edit organizations (the export holds what editors see, phones included)."""
    index = organization_index()
    if index is None or not user.is_active:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()
