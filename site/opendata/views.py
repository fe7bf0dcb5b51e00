"""The data page (/zh-hans/data/, /zh-hant/data/): every dataset with its files, its data
dictionary and the licence.

Each format links to the bulk file of export_open_data when the current set holds it
(with its size and SHA-256), and otherwise to this page with ?dataset=…&format=…, which
builds the whole dataset from the live data as it streams, so every link works on a
fresh site that has never run the command."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language

from . import bulk
from .exports import FORMAT_LABELS, FORMAT_PARAM, export_response
from .licence import LICENCE_NAME, LICENCE_SUMMARY, LICENCE_URL
from .registry import datasets, get_dataset

DATASET_PARAM = "dataset"
# Labels of the formats a dataset adds itself (Dataset.extra_formats()).
EXTRA_FORMAT_LABELS = {"360giving": "360Giving (JSON)"}


def format_label(fmt):
    return FORMAT_LABELS.get(fmt) or EXTRA_FORMAT_LABELS.get(fmt, fmt)


def requested_download(request):
    """(dataset, format) that ?dataset=…&format=… asks for, or None (the page itself: an
    unknown dataset or format shows the page)."""
    dataset = get_dataset(request.GET.get(DATASET_PARAM, ""))
    fmt = request.GET.get(FORMAT_PARAM, "")
    if dataset is None or fmt not in dataset.formats():
        return None
    return dataset, fmt


def dataset_entry(dataset, language, files, page_url):
    formats = []
    for fmt in dataset.formats():
        file = files.get((dataset.key, language, fmt))
        formats.append(
            {
                "format": fmt,
                "label": format_label(fmt),
                "url": bulk.file_url(file["file"])
                if file
                else f"{page_url}?{DATASET_PARAM}={dataset.key}&{FORMAT_PARAM}={fmt}",
                "file": file,
            }
        )
    return {
        "key": dataset.key,
        "title": dataset.title,
        "description": dataset.description,
        "rows": dataset.get_queryset().count(),
        "last_updated": dataset.last_updated(),
        "formats": formats,
        "columns": dataset.columns(language),
    }


def data_page(request):
    language = get_language()
    download = requested_download(request)
    if download:
        dataset, fmt = download
        return export_response(request, dataset, dataset.get_queryset(), fmt, language)
    manifest = bulk.read_manifest()
    files = {
        (entry["dataset"], entry["language"], entry["format"]): entry
        for entry in (manifest or {}).get("files", [])
    }
    page_url = reverse("open_data")
    entries = [dataset_entry(dataset, language, files, page_url) for dataset in datasets()]
    giving = next(
        (
            (entry["title"], f)
            for entry in entries
            for f in entry["formats"]
            if f["format"] == "360giving"
        ),
        None,
    )
    context = {
        "datasets": entries,
        "manifest": manifest,
        "generated_at": parse_datetime(manifest["generated_at"]) if manifest else None,
        "checksums_url": bulk.file_url(bulk.CHECKSUMS) if manifest else None,
        "manifest_url": bulk.file_url(bulk.MANIFEST) if manifest else None,
        "giving": giving,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "summary": LICENCE_SUMMARY},
        "api_url": "/api/v1/",
        "api_docs_url": "/api/v1/docs/",
        "language": language,
    }
    return render(request, "opendata/data_page.html", context)
