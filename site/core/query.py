"""Query parameters: every public page and API reads its parameters through a form (or a
django-filter FilterSet, whose form is one), and the forms share this base, which refuses
what must never reach a query (docs/input-validation.md):

- a value holding NUL (PostgreSQL refuses it in a text comparison: an error page) or
  the replacement character (the request's bytes were not UTF-8: Django decodes them
  with "replace"), except in free text (a search's words, which clean their own);
- an integer outside MAX_INTEGER either way (SQLite's integers are 64-bit and Python
  raises OverflowError beyond; PostgreSQL's `integer` is 32-bit): every IntegerField of
  such a form is bounded, unless it has tighter bounds of its own.

A refused parameter is an error of its field, like any invalid value: the pages drop it
and name it in the "ignored filters" notice (`ignored_filters()` and
templates/includes/ignored_filters.html), the API answers 400 naming it. A repeated
parameter is read as its last value (Django's QueryDict.get), and refused when any of its
values is.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext, gettext_lazy

import django_filters

from .labels import join_list

MAX_INTEGER = 2**31 - 1  # PostgreSQL's integer; the page number and every id fit
MIN_INTEGER = -(2**31)
REFUSED_CHARACTERS = ("\x00", "\ufffd")
REFUSED = gettext_lazy("This value contains characters that are not allowed.")


def refused(value) -> bool:
    """Whether one raw value of a parameter must not reach a query."""
    return isinstance(value, str) and any(c in value for c in REFUSED_CHARACTERS)


def safe_value(data, name, default=""):
    """A parameter's value for code that reads it before the form validates it (a list
    of choices that depends on another choice): `default` when it would be refused."""
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    if not values or any(refused(value) for value in values):
        return default
    value = values[-1]
    return value if isinstance(value, str) else default


def bound_integers(fields):
    """Every IntegerField in MIN_INTEGER..MAX_INTEGER (tighter bounds of its own stay)."""
    for field in fields.values():
        if not isinstance(field, forms.IntegerField) or isinstance(field, forms.DecimalField):
            continue
        if field.max_value is None or field.max_value > MAX_INTEGER:
            field.max_value = MAX_INTEGER
            field.validators.append(MaxValueValidator(MAX_INTEGER))
        if field.min_value is None or field.min_value < MIN_INTEGER:
            field.min_value = MIN_INTEGER
            field.validators.append(MinValueValidator(MIN_INTEGER))


class QueryFormMixin:
    """For a form over a query string (a GET's parameters): refused values are removed
    before any field (or the subclass's __init__) reads them and become errors of their
    fields (fields added in __init__ too); integers are bounded."""

    free_text = ()  # parameters whose values are cleaned by their own code, never refused

    def __init__(self, data=None, *args, **kwargs):
        self.refused = set()
        if data is not None:
            self.refused = {
                name
                for name in data
                if name not in self.free_text
                and any(refused(value) for value in _values(data, name))
            }
            if self.refused:
                data = data.copy()
                for name in self.refused:
                    data.pop(name, None)
        super().__init__(data, *args, **kwargs)

    def full_clean(self):
        bound_integers(self.fields)
        super().full_clean()
        if self.is_bound and hasattr(self, "cleaned_data"):
            for name in self.refused:
                if name in self.fields and name not in self._errors:
                    self.add_error(name, forms.ValidationError(REFUSED, code="refused"))


def _values(data, name):
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return value if isinstance(value, list | tuple) else [value]


class QueryForm(QueryFormMixin, forms.Form):
    """The base of a page's filter form."""


class QueryFilterSet(django_filters.FilterSet):
    """The base of every FilterSet over a query string (the lists, their downloads and
    feeds, the API): its form is a QueryForm (whatever Meta.form is)."""

    def get_form_class(self):
        form_class = super().get_form_class()
        if issubclass(form_class, QueryFormMixin):
            return form_class
        return type(form_class.__name__, (QueryFormMixin, form_class), {})


def ignored_filters(form, skip=()):
    """The labels of the parameters a form refused (invalid values, dropped from what it
    applies), for the "ignored filters" notice: templates/includes/ignored_filters.html on
    a page, `ignored_filters_message()` in JSON. `skip`: parameters reported otherwise."""
    form.is_valid()
    return [
        form.fields[name].label or name
        for name in form.errors
        if name in form.fields and name not in skip
    ]


def ignored_filters_message(labels):
    """The notice of templates/includes/ignored_filters.html as text (the search's JSON)."""
    return gettext("These filters are not valid and were ignored: %(filters)s.") % {
        "filters": join_list(labels)
    }
