"""Downloads of a filtered list: the list's own URL with ?format=csv, xlsx or json."""

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from . import writers

FORMAT_PARAM = "format"
# What the download links call each format.
FORMAT_LABELS = {
    "csv": _("CSV (Excel, WPS)"),
    "xlsx": _("Excel workbook (XLSX)"),
    "json": "JSON",
    "360giving": _("360Giving JSON (grants data standard)"),
}
# Parameters that choose a page of the list, not rows: an export has every row.
NOT_FILTERS = {"page", FORMAT_PARAM}


class NoRows(Exception):
    """The format cannot hold zero rows (a 360Giving package needs at least one grant):
    raised by a dataset's own format before anything is written."""


def requested_format(request, dataset):
    """The download format asked for, or None (the page itself). An unknown format is
    ignored: the page is shown."""
    fmt = request.GET.get(FORMAT_PARAM, "")
    return fmt if fmt in dataset.formats() else None


def file_name(dataset, language, extension):
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"{dataset.key}-{language}-{stamp}.{extension}"


def counted(rows, on_row):
    for row in rows:
        on_row()
        yield row


def stream(dataset, queryset, fmt, language, base_url, filters=None, on_row=None):
    """(content type, file name, byte chunks) of `queryset` as `fmt`. `on_row`, when given,
    is called once per row written (export_open_data's progress bar); a dataset's own
    formats (extra_formats) do not call it."""
    extra = dataset.extra_formats()
    if fmt in extra:
        return extra[fmt](queryset, language, base_url)
    content_type, extension = writers.FORMATS[fmt]
    columns = dataset.columns(language)
    rows = dataset.rows(queryset, language, base_url)
    if on_row is not None:
        rows = counted(rows, on_row)
    if fmt == "csv":
        chunks = writers.csv_stream(columns, rows)
    elif fmt == "xlsx":
        chunks = writers.xlsx_stream(columns, rows, sheet_title=dataset.key)
    else:
        head = {
            "dataset": dataset.key,
            # In the file's script, not the active language's (a command has none).
            "title": _title(dataset, language),
            "language": language,
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "filters": filters or {},
            "columns": [column.__dict__ for column in columns],
        }
        chunks = writers.json_stream(head, rows)
    return content_type, file_name(dataset, language, extension), chunks


def _title(dataset, language):
    with override(language):
        return str(dataset.title)


def export_response(request, dataset, queryset, fmt, language, filters=None):
    base_url = request.build_absolute_uri("/").rstrip("/")
    try:
        content_type, name, chunks = stream(dataset, queryset, fmt, language, base_url, filters)
    except NoRows:
        return no_rows(request, fmt)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def no_rows(request, fmt):
    """404 page for a download that no row matches, in a format that cannot be empty: it
    says so and links back to the list with the same filters."""
    params = request.GET.copy()
    params.pop(FORMAT_PARAM, None)
    query = params.urlencode()
    return render(
        request,
        "opendata/no_rows.html",
        {
            "format_label": FORMAT_LABELS.get(fmt, fmt),
            "list_url": f"{request.path}?{query}" if query else request.path,
        },
        status=404,
    )


def download_links(request, dataset):
    """[(label, url)] for each format, carrying the list's current filters."""
    params = request.GET.copy()
    for name in NOT_FILTERS:
        params.pop(name, None)
    links = []
    for fmt in dataset.formats():
        params[FORMAT_PARAM] = fmt
        links.append((FORMAT_LABELS.get(fmt, fmt), f"{request.path}?{params.urlencode()}"))
    return links
