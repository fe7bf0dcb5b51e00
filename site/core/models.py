"""Shared abstract page base."""

from wagtail.models import Page


class BasePage(Page):
    """Every public page type derives from this, so shared behaviour has one home.

    Search configuration is extended here by the search app (issue 3); public
    pages hide Wagtail's "show in menus" default from nothing but keep it editable.
    """

    show_in_menus_default = False

    class Meta:
        abstract = True
