"""Interface labels built from a number, shared by templates' Python helpers, forms,
search and models, so each has one msgid (see README, "Interface text")."""

from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy


def star_label(level) -> str:
    """3 → "3星"."""
    level = int(level)
    return ngettext("%(counter)s star", "%(counter)s stars", level) % {"counter": level}


def year_label(year) -> str:
    """2024 → "2024年"."""
    return pgettext("calendar year", "%(year)s") % {"year": year}


def join_list(items) -> str:
    """Items of an enumeration: 类别、公示类型."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def yuan(amount) -> str:
    """An amount already formatted (see core.templatetags.site_tags.money) → "1,000.00 元"."""
    return gettext("%(amount)s yuan") % {"amount": amount}


# For choices declared at import time (model fields, form fields).
star_label_lazy = lazy(star_label, str)
# The empty choice of a filter: no restriction.
ANY_VALUE = pgettext_lazy("any value of a filter", "All")
