"""The filters of the notice list and the funding and evaluation tables (django-filter).

The pages, their downloads and feeds, and the API (/api/v1/) all filter through these
FilterSets, so a parameter means the same everywhere. An invalid value is left out of
`qs` and reported in `errors`: the pages drop it with a notice, the API answers 400."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

import django_filters
from drf_spectacular.utils import extend_schema_field

from core.dates import today
from core.labels import ANY_VALUE
from core.query import QueryFilterSet
from taxonomy.filters import CategoryFilter, RegionFilter, StreetsFollowDistrict, YearFilter
from taxonomy.models import Region

from .models import EvaluationRecord, FundingRecord, NoticePage, NoticeState
from .ratings import current_star_records

DISTRICT = _("District (county)")
STREET = _("Street (township)")


class SortFilter(django_filters.OrderingFilter):
    """The chosen order, then the newest record first among rows that tie (two grants of
    the same amount): a unique last key, so each page of a table (or of the API) always
    holds the same rows."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "-pk")


class NoticeFilter(StreetsFollowDistrict, QueryFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Notice type"), choices=NoticePage.Kind.choices, empty_label=ANY_VALUE
    )
    state = django_filters.ChoiceFilter(
        label=_("Notice status"),
        choices=NoticeState.choices,
        empty_label=ANY_VALUE,
        method="filter_state",
    )
    district = RegionFilter(
        Region.Level.DISTRICT,
        field_name="notice_organizations__organization__region",
        label=DISTRICT,
        distinct=True,
    )
    street = RegionFilter(
        Region.Level.STREET,
        field_name="notice_organizations__organization__region",
        label=STREET,
        distinct=True,
    )
    year = YearFilter(field_name="starts_on__year", label=_("Year"))

    class Meta:
        model = NoticePage
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value, today()) if value else queryset


class OrganizationRecordFilter(StreetsFollowDistrict, QueryFilterSet):
    """Records by where their organization works and its category."""

    district = RegionFilter(
        Region.Level.DISTRICT, field_name="organization__region", label=DISTRICT
    )
    street = RegionFilter(Region.Level.STREET, field_name="organization__region", label=STREET)
    category = CategoryFilter(field_name="organization__category", label=_("Category"))


class FundingFilter(OrganizationRecordFilter):
    year = YearFilter(label=_("Year"))
    year_from = YearFilter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_to = YearFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    source = django_filters.ChoiceFilter(
        field_name="source_kind",
        label=_("Source of funds"),
        choices=FundingRecord.SourceKind.choices,
        empty_label=ANY_VALUE,
    )
    sort = SortFilter(
        label=pgettext_lazy("sort order", "Sort by"),
        fields=(("amount", "amount"), ("year", "year"), ("awarded_on", "date")),
        field_labels={
            "amount": _("Amount"),
            "year": _("Year"),
            "awarded_on": _("Date"),
        },
        empty_label=None,
    )

    class Meta:
        model = FundingRecord
        fields = []


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 3660})
class DaysFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 3660)
        super().__init__(*args, **kwargs)


class EvaluationFilter(OrganizationRecordFilter):
    kind = django_filters.ChoiceFilter(
        label=_("Evaluation type"), choices=EvaluationRecord.Kind.choices, empty_label=ANY_VALUE
    )
    star = django_filters.ChoiceFilter(
        field_name="star_level",
        label=_("Star rating"),
        choices=EvaluationRecord.STAR_CHOICES,
        empty_label=ANY_VALUE,
    )
    year = YearFilter(field_name="evaluated_on__year", label=_("Year"))
    year_from = YearFilter(field_name="evaluated_on__year", lookup_expr="gte", label=_("From year"))
    year_to = YearFilter(field_name="evaluated_on__year", lookup_expr="lte", label=_("To year"))
    expires_within = DaysFilter(
        label=_("Current star ratings that expire within (days)"), method="filter_expiring"
    )
    sort = SortFilter(
        label=pgettext_lazy("sort order", "Sort by"),
        fields=(
            ("evaluated_on", "date"),
            ("star_level", "star"),
            ("score", "score"),
            ("valid_until", "valid_until"),
        ),
        field_labels={
            "valid_until": _("Valid until"),
            "evaluated_on": _("Date"),
            "star_level": _("Star rating"),
            "score": _("Score"),
        },
        empty_label=None,
    )

    class Meta:
        model = EvaluationRecord
        fields = []

    def filter_expiring(self, queryset, name, value):
        """Current star ratings whose validity ends within `value` days from today."""
        if not value:
            return queryset
        day = today()
        return queryset.filter(
            pk__in=current_star_records(day).values("pk"),
            valid_until__lte=day + datetime.timedelta(days=int(value)),
        )
