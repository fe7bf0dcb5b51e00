"""Shared abstract page base."""

from wagtail.models import Page


class BasePage(Page):
    """Every public page type derives from this, so shared behaviour has one home.

    Page types also put search.index.ChineseSearchMixin first in their bases (so Wagtail's
    index holds normalised Chinese tokens): core sits below the search app and imports
    nothing from it; the system check search.W001 names any indexed model without it.
    """

    show_in_menus_default = False

    class Meta:
        abstract = True
