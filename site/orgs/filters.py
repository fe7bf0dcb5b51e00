"""The directory's filters as a FilterSet (django-filter), for its downloads and the API:
the same parameters as the page (district, street, community, category, management,
status, star, hub, sort), applied by the same function (directory.filter_organizations)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import django_filters
from drf_spectacular.utils import extend_schema_field

from core.labels import ANY_VALUE
from core.query import MAX_INTEGER, QueryFilterSet
from taxonomy.filters import CategoryFilter, RegionFilter
from taxonomy.models import Region

from .directory import SORTS, STAR_CHOICES, STATUS_CHOICES, filter_organizations
from .models import OrganizationPage


class Passed(django_filters.Filter):
    """Validated by the form, applied by filter_organizations() with the others."""

    def filter(self, qs, value):
        return qs


class PassedChoice(Passed, django_filters.ChoiceFilter):
    pass


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_INTEGER})
class PassedNumber(Passed, django_filters.NumberFilter):
    """An id (bounded by core.query like every integer of a query)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)


class PassedRegion(Passed, RegionFilter):
    pass


class PassedCategory(Passed, CategoryFilter):
    pass


class OrganizationFilter(QueryFilterSet):
    district = PassedRegion(Region.Level.DISTRICT, label=_("District (county)"))
    street = PassedRegion(Region.Level.STREET, label=_("Street (township)"))
    community = PassedRegion(Region.Level.COMMUNITY, label=_("Community (village)"))
    category = PassedCategory(label=_("Category"))
    management = PassedChoice(
        label=_("Management"), choices=OrganizationPage.Management.choices, empty_label=ANY_VALUE
    )
    status = PassedChoice(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=None,
        help_text=_("Active organizations unless another status is chosen; “any”: every status."),
    )
    star = PassedChoice(label=_("Star rating"), choices=STAR_CHOICES, empty_label=ANY_VALUE)
    hub = PassedNumber(label=_("Hub organization"))
    sort = PassedChoice(
        label=pgettext_lazy("sort order", "Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        empty_label=None,
    )

    class Meta:
        model = OrganizationPage
        fields = []

    def filter_queryset(self, queryset):
        return filter_organizations(queryset, self.form.cleaned_data)
