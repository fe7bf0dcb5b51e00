"""信息公开 overview: where public money went (by year and source, district, street, top
recipients) and how organizations were rated (star levels, satisfaction, ratings about
to expire), under one set of filters: year or year range, district, street, source of
funds, category. The same parameters filter the funding table (records.py), its
downloads and the API, so an overview's link to its rows keeps them."""

import datetime

from django.db.models import Avg, Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Substr
from django.http import QueryDict
from django.utils.translation import gettext

from wagtail.models import Page

from core import charts
from core.content_cache import cached
from core.dates import today
from core.labels import star_label, year_label, yuan
from core.query import ignored_filters
from core.scripts import in_reader_script
from core.templatetags.site_tags import money
from taxonomy.models import Region
from translation.locales import default_locale_id, in_locale, with_display_organizations

from .filters import EvaluationFilter, FundingFilter
from .models import EvaluationRecord, FundingRecord, organization_model
from .ratings import current_star_records
from .records import shown_fields

SOURCE_KINDS = FundingRecord.SourceKind
OVERVIEW_FIELDS = ("year_from", "year_to", "district", "street", "source", "category")
# Parameters of the overview that also filter evaluations (source of funds does not).
EVALUATION_PARAMS = ("year", "year_from", "year_to", "district", "street", "category")
DISTRICT_CODE_LENGTH = 6
STREET_CODE_LENGTH = 9
TOP_RECIPIENTS = 10
TOP_STREETS = 15
EXPIRY_DAYS = 90
EXPIRING_SHOWN = 20  # the soonest; the evaluation table lists them all
SATISFACTION_BANDS = ((90, 101), (80, 90), (60, 80), (0, 60))


def funding_by_year(funding):
    """One line a year, newest first: the total of each source kind and of the year."""
    by_year = {}
    for row in (
        funding.values("year", "source_kind")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    ):
        line = by_year.setdefault(
            row["year"], {"year": row["year"], "cells": {}, "total": 0, "count": 0}
        )
        line["cells"][row["source_kind"]] = row["total"]
        line["total"] += row["total"]
        line["count"] += row["count"]
    lines = []
    for year in sorted(by_year, reverse=True):
        line = by_year[year]
        line["cells"] = [(kind, line["cells"].get(kind)) for kind in SOURCE_KINDS.values]
        lines.append(line)
    return lines


def region_names(codes):
    """{区划代码: name in the reader's script} of zh-hans regions (records point at them)."""
    return {
        code: in_reader_script(name)
        for code, name in Region.objects.filter(
            locale_id=default_locale_id(), code__in=codes
        ).values_list("code", "name")
    }


def funding_by_region(funding, length, limit=None):
    """[(code, name, total, count)] by the region code's first `length` digits (6: the
    district, 9: the street), largest total first."""
    rows = list(
        funding.annotate(area=Substr("organization__region__code", 1, length))
        .values("area")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-total", "area")
    )
    if limit:
        rows = rows[:limit]
    names = region_names([row["area"] for row in rows])
    return [
        {"code": row["area"], "name": names.get(row["area"], row["area"]), **row}
        for row in rows
        if len(row["area"]) == length  # organizations registered at district level
    ]


def top_recipients(funding, locale_id):
    rows = list(
        funding.values("organization")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-total", "organization")[:TOP_RECIPIENTS]
    )
    organizations = organization_model().objects.in_bulk([row["organization"] for row in rows])
    shown = in_locale([organizations[row["organization"]] for row in rows], locale_id)
    return [{**row, "organization": org} for row, org in zip(rows, shown, strict=True)]


def rating_summary(evaluations, day, locale_id):
    stars = current_star_records(day).filter(pk__in=evaluations.values("pk"))
    counts = dict(stars.values_list("star_level").annotate(count=Count("pk")).order_by())
    expiring = (
        stars.filter(valid_until__lte=day + datetime.timedelta(days=EXPIRY_DAYS))
        .select_related("organization")
        .order_by("valid_until", "pk")
    )
    satisfaction = evaluations.filter(kind=EvaluationRecord.Kind.SATISFACTION)
    band = Case(
        *[
            When(Q(score__gte=low, score__lt=high), then=Value(low))
            for low, high in SATISFACTION_BANDS
        ],
        output_field=IntegerField(),
    )
    bands = dict(
        satisfaction.annotate(band=band).values_list("band").annotate(count=Count("pk")).order_by()
    )
    averages = satisfaction.aggregate(average=Avg("score"), count=Count("pk"))
    return {
        "rating_levels": [(level, counts.get(level, 0)) for level in (3, 2, 1)],
        "rated_count": sum(counts.values()),
        "expiring_ratings": with_display_organizations(expiring[:EXPIRING_SHOWN], locale_id),
        "expiring_count": expiring.count(),
        "satisfaction_bands": [(low, high, bands.get(low, 0)) for low, high in SATISFACTION_BANDS],
        "satisfaction_average": averages["average"],
        "satisfaction_count": averages["count"],
    }


def overview(funding_filter, locale_id, day):
    """Every figure of the overview for the records `funding_filter` (a bound
    FundingFilter) selects; evaluations follow the filters that apply to them."""
    params = funding_filter.data
    funding = funding_filter.qs.order_by()
    evaluation_filter = EvaluationFilter(
        {name: params[name] for name in EVALUATION_PARAMS if name in params},
        queryset=EvaluationRecord.objects.live(),
    )
    totals = funding.aggregate(total=Sum("amount"), count=Count("pk"))
    district = (
        funding_filter.form.cleaned_data.get("district") if funding_filter.is_valid() else None
    )
    return {
        "funding_table": funding_by_year(funding),
        "funding_grand_total": totals["total"] or 0,
        "funding_count": totals["count"],
        "by_district": funding_by_region(funding, DISTRICT_CODE_LENGTH),
        "by_street": funding_by_region(
            funding, STREET_CODE_LENGTH, limit=None if district else TOP_STREETS
        ),
        "streets_limited": not district,
        "top_recipients": top_recipients(funding, locale_id),
        **rating_summary(evaluation_filter.qs.order_by(), day, locale_id),
    }


def disclosure_context(page, request):
    day = today()
    filterset = FundingFilter(request.GET, queryset=FundingRecord.objects.live(), request=request)
    if filterset.is_valid() and not any(filterset.form.cleaned_data.values()):
        # The unfiltered overview is a figure of the published content: cached per
        # content version (bumped by the publish pipeline) and day.
        summary = cached(
            f"disclosure-overview:{page.locale_id}:{day.isoformat()}",
            lambda: overview(filterset, page.locale_id, day),
        )
    else:
        summary = overview(filterset, page.locale_id, day)
    kept = {name: value for name, value in filterset.form.cleaned_data.items() if value}

    def rows_of(**values):
        """The funding table's query for the overview's filters with `values` changed."""
        query = QueryDict(mutable=True)
        for name, value in {**kept, **values}.items():
            if value not in (None, ""):
                query[name] = value
        return query.urlencode()

    for line in summary["funding_table"]:
        line["query"] = rows_of(year_from=line["year"], year_to=line["year"], year=None)
        line["cells"] = [
            (
                kind,
                total,
                rows_of(year_from=line["year"], year_to=line["year"], year=None, source=kind),
            )
            for kind, total in line["cells"]
        ]
    for row in summary["by_district"]:
        row["query"] = rows_of(district=row["code"], street=None)
    for row in summary["by_street"]:
        row["query"] = rows_of(street=row["code"])
    return {
        **summary,
        **overview_charts(summary),
        "rows_query": rows_of(),
        "evaluation_rows_query": rows_of(source=None),
        "fields": shown_fields(filterset.form, OVERVIEW_FIELDS),
        "source_kinds": SOURCE_KINDS.choices,
        "filter_form": filterset.form,
        "ignored_filters": ignored_filters(filterset.form),
        "orgs_index": directory_beside(page),
        "today": day,
    }


def amount_label(value):
    return yuan(money(value))


def overview_charts(summary):
    """The overview's figures as bar charts (core.charts), in the reader's language. Each
    is drawn beside the table that carries the same figures with links to the rows."""
    return {
        "chart_by_year": charts.stacked_bar_chart(
            [
                (year_label(line["year"]), [total for _kind, total, _query in line["cells"]])
                for line in summary["funding_table"]
            ],
            [label for _value, label in SOURCE_KINDS.choices],
            title=gettext("Funding by year and source of funds"),
            value_format=amount_label,
            chart_id="chart-by-year",
        ),
        "chart_by_district": charts.bar_chart(
            [(row["name"], row["total"]) for row in summary["by_district"]],
            title=gettext("Funding by district"),
            value_format=amount_label,
            chart_id="chart-by-district",
        ),
        "chart_by_street": charts.bar_chart(
            [(row["name"], row["total"]) for row in summary["by_street"]],
            title=gettext("Funding by street"),
            value_format=amount_label,
            chart_id="chart-by-street",
        ),
        "chart_top_recipients": charts.bar_chart(
            [(row["organization"].title, row["total"]) for row in summary["top_recipients"]],
            title=gettext("Top recipients"),
            value_format=amount_label,
            chart_id="chart-top-recipients",
        ),
        "chart_ratings": charts.bar_chart(
            [(star_label(level), count) for level, count in summary["rating_levels"]],
            title=gettext("Organizations by current star rating"),
            chart_id="chart-ratings",
        )
        if summary["rated_count"]
        else None,
        "chart_satisfaction": charts.bar_chart(
            [(band_label(low, high), count) for low, high, count in summary["satisfaction_bands"]],
            title=gettext("Satisfaction surveys by score"),
            chart_id="chart-satisfaction",
        )
        if summary["satisfaction_count"]
        else None,
    }


def band_label(low, high):
    if high > 100:
        return gettext("%(low)s and above") % {"low": low}
    if low == 0:
        return gettext("Below %(high)s") % {"high": high}
    return gettext("%(low)s to below %(high)s") % {"low": low, "high": high}


def directory_beside(page):
    """The organization directory next to this page (the star counts link to it)."""
    directories = organization_model().allowed_parent_page_models()
    return Page.objects.live().sibling_of(page).type(*directories).first()
