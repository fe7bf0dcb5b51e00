from wagtail import hooks

from .choosers import organization_chooser_viewset


@hooks.register("register_admin_viewset")
def register_organization_chooser():
    return organization_chooser_viewset
