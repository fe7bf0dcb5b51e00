"""The ledger's columns written back: the organizations of the user's regions as CSV
(UTF-8 with BOM, for Excel and WPS) or XLSX, through the open-data writers. A file
exported here imports again unchanged (tested)."""

from django.db.models import Q

from core.models import prefetch_tags, tags_of
from opendata.registry import Column
from opendata.writers import csv_stream, xlsx_stream
from translation.locales import default_locale_id

from ..models import OrganizationPage
from .columns import COLUMNS, ledger_values, management_labels

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def organizations(allowed_region_codes=None):
    """The organizations a ledger holds (zh-hans, live or published once: those an
    import matches), within the allowed regions, by region and name."""
    queryset = OrganizationPage.objects.filter(locale_id=default_locale_id()).filter(
        Q(live=True) | Q(first_published_at__isnull=False)
    )
    if allowed_region_codes is not None:
        within = Q(pk__in=[])
        for code in allowed_region_codes:
            within |= Q(region__code__startswith=code)
        queryset = queryset.filter(within)
    return (
        queryset.select_related("region__parent__parent", "category")
        .prefetch_related(prefetch_tags())
        .order_by("region__code", "title", "pk")
    )


def ledger_rows(queryset, chunk_size=2000):
    label_of = {value: label for label, value in management_labels().items()}
    for page in queryset.iterator(chunk_size=chunk_size):
        yield ledger_values(page, [tag.name for tag in tags_of(page)], label_of)


def write_ledger(file_format, allowed_region_codes=None):
    """The chunks of the ledger file in `file_format` (csv or xlsx)."""
    columns = [Column(c.key, c.header, "", c.type) for c in COLUMNS]
    rows = ledger_rows(organizations(allowed_region_codes))
    if file_format == "xlsx":
        return xlsx_stream(columns, rows, sheet_title="组织台账")
    return csv_stream(columns, rows)
