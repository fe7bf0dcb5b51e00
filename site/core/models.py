"""Shared abstract page base."""

from wagtail.models import Page

from search.index import ChineseSearchMixin


class BasePage(ChineseSearchMixin, Page):
    """Every public page type derives from this, so shared behaviour has one home.

    ChineseSearchMixin makes every page type index normalised Chinese tokens (see
    search/normalize.py).
    """

    show_in_menus_default = False

    class Meta:
        abstract = True
