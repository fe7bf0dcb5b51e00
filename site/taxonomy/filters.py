"""Filters by region and category for the FilterSets of every list (django-filter): the
pages, their downloads and feeds, and the API share them.

Values are the stable codes (区划代码, category slugs), the same in both scripts, so a
filtered URL works in either. A code names its region in any script; what lies in a
region is found by code, since every code starts with its parent's code."""

from functools import partial

from django import forms
from django.utils.translation import pgettext_lazy

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.scripts import in_reader_script
from translation.locales import default_locale_id

from .models import Category, Region


def region_choices(level):
    """(code, name in the reader's script) of the regions of one level."""
    regions = Region.objects.filter(locale_id=default_locale_id(), level=level)
    return [(code, in_reader_script(name)) for code, name in regions.values_list("code", "name")]


def category_choices():
    categories = Category.objects.filter(locale_id=default_locale_id())
    return [(slug, in_reader_script(name)) for slug, name in categories.values_list("slug", "name")]


# For the API's schema (drf-spectacular): the values are codes, whatever the field the
# filter applies to (a foreign key would be described as an integer), and the choices come
# from the database, which the schema does not read.
@extend_schema_field(OpenApiTypes.STR)
class RegionFilter(django_filters.ChoiceFilter):
    """A region of one level (区, 街道 or 社区) by its 区划代码; matches the rows whose
    region (at `field_name`, e.g. "organization__region") lies in it."""

    def __init__(self, level, *args, **kwargs):
        self.level = level
        # A function, not a bound method: forms deep-copy their choices, and the filter
        # holds its FilterSet, which holds the request.
        kwargs.setdefault("choices", partial(region_choices, level))
        kwargs.setdefault("empty_label", pgettext_lazy("any value of a filter", "All"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        inside = Region.objects.filter(code__startswith=value).values("pk")
        qs = qs.filter(**{f"{self.field_name}__in": inside})
        return qs.distinct() if self.distinct else qs


class StreetsFollowDistrict:
    """For a FilterSet with `district` and `street` RegionFilters: once a district is
    chosen, the street list in the form shows only its streets, so the list stays short
    without JavaScript (as in the directory). Only the list shown changes: any street
    remains a valid value, so a link or an API call keeps its meaning."""

    @property
    def form(self):
        form = super().form
        if not getattr(self, "_streets_narrowed", False):
            self._streets_narrowed = True
            district = self.data.get("district") if self.is_bound else None
            field = form.fields.get("street")
            if field is not None and isinstance(district, str) and district:
                chosen = self.data.get("street")
                field.widget.choices = [
                    (code, name)
                    for code, name in field.choices
                    if not code or code.startswith(district) or code == chosen
                ]
        return form


@extend_schema_field(OpenApiTypes.STR)
class CategoryFilter(django_filters.ChoiceFilter):
    """A category by its slug; matches the rows whose category (at `field_name`) it is."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", category_choices)
        kwargs.setdefault("empty_label", pgettext_lazy("any value of a filter", "All"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{f"{self.field_name}__slug": value})


@extend_schema_field({"type": "integer", "minimum": 1990, "maximum": 2100})
class YearFilter(django_filters.NumberFilter):
    """A year (or a bound of a range, with lookup_expr "gte"/"lte"), 1990–2100."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1990)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)
