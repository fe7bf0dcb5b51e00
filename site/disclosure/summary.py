"""信息公开: funding totals by year and source kind, funding detail, current star ratings."""

from django import forms
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.content_cache import cached
from core.dates import today
from core.labels import ANY_VALUE, year_label
from core.paging import paginate
from translation.locales import with_display_organizations

from .models import FundingRecord, organization_model
from .ratings import current_star_records

SOURCE_KINDS = FundingRecord.SourceKind


class FundingFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(
        label=_("Source of funds"),
        required=False,
        choices=[("", ANY_VALUE)] + SOURCE_KINDS.choices,
    )

    def __init__(self, data, years):
        super().__init__(data)
        self.fields["year"].choices = [("", ANY_VALUE)] + [(str(y), year_label(y)) for y in years]


def funding_table(rows):
    """Pivot (year, source kind, total, count) rows into one line a year, newest first."""
    by_year = {}
    for row in rows:
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


def overview(day):
    """The parts that do not depend on the reader's filters (cached per content version)."""
    rows = list(
        FundingRecord.objects.values("year", "source_kind")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    table = funding_table(rows)
    rating_counts = {
        row["star_level"]: row["count"]
        for row in current_star_records(day)
        .values("star_level")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return {
        "funding_table": table,
        "funding_grand_total": sum(line["total"] for line in table),
        "rating_levels": [(level, rating_counts.get(level, 0)) for level in (3, 2, 1)],
        "recent_ratings": list(
            current_star_records(day)
            .select_related("organization")
            .order_by("-evaluated_on", "-star_level", "pk")[:10]
        ),
    }


def directory_beside(page):
    """The organization directory next to this page (the star counts link to it)."""
    directories = organization_model().allowed_parent_page_models()
    return Page.objects.live().sibling_of(page).type(*directories).first()


def disclosure_context(page, request):
    day = today()
    summary = cached(f"disclosure-overview:{day.isoformat()}", lambda: overview(day))
    form = FundingFilterForm(request.GET, [line["year"] for line in summary["funding_table"]])
    form.is_valid()
    values = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    records = FundingRecord.objects.select_related("organization").order_by(
        "-year", "-awarded_on", "-pk"
    )
    if values.get("year"):
        records = records.filter(year=values["year"])
    if values.get("source"):
        records = records.filter(source_kind=values["source"])
    selection = records.aggregate(total=Sum("amount"), count=Count("pk"))
    page_obj = paginate(request, records, per_page=30)
    # Records point at zh-hans organizations: link each to its twin in the page's script.
    shown = with_display_organizations(page_obj.object_list, page.locale_id)
    return {
        **summary,
        "recent_ratings": with_display_organizations(summary["recent_ratings"], page.locale_id),
        "source_kinds": SOURCE_KINDS.choices,
        "filter_form": form,
        "page_obj": page_obj,
        "funding_records": shown,
        "selection_total": selection["total"] or 0,
        "selection_count": selection["count"],
        "ignored_filters": [form.fields[name].label for name in form.errors],
        "orgs_index": directory_beside(page),
    }
