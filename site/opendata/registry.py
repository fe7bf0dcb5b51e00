"""The open datasets: what the site publishes as data, declared once per dataset.

Each content app declares its datasets in its own `datasets.py` (imported by its
AppConfig.ready(), like its search kinds). A dataset names

- the rows: `get_queryset()`, zh-hans sources in a stable order (records and the link
  rows point at them; a zh-hant reader gets the same rows in traditional script);
- the filters: a django-filter FilterSet, whose parameters are the list page's, so one
  URL filters the page, its exports, its feeds and the API alike;
- the columns: a DRF serializer (opendata.serializers.DatasetSerializer) whose fields'
  labels are the Chinese column names and whose help texts are their meanings.

From that one declaration come the exports of every list (?format=csv|xlsx|json), the
bulk files of export_open_data, the data dictionary on /data/, and the API with its
OpenAPI schema (the api app). See docs/open-data.md.
"""

from contextlib import nullcontext
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import override

_DATASETS = {}


@dataclass(frozen=True)
class Column:
    name: str  # the JSON key and the API field
    label: str  # the Chinese column name (CSV and XLSX headers)
    description: str  # what it means
    type: str  # text, integer, decimal, date, datetime, url, code, boolean


class Dataset:
    key = ""  # file names and the API path: /api/v1/<key>/
    title = ""
    description = ""
    position = 100  # order on the data page and in the API's index
    filterset_class = None
    serializer_class = None
    # The API's detail path: /api/v1/<key>/<value of this field>/.
    lookup_field = "pk"
    # The records' own date of last change, for "last updated" on the data page.
    updated_field = None

    def get_queryset(self):
        raise NotImplementedError

    def filterset(self, params, request=None, queryset=None):
        """The dataset's FilterSet bound to query parameters (invalid values are in its
        `errors` and left out of its `qs`)."""
        if queryset is None:
            queryset = self.get_queryset()
        return self.filterset_class(params, queryset=queryset, request=request)

    def serializer(self, language, base_url, **kwargs):
        context = {"language": language, "base_url": base_url.rstrip("/")}
        return self.serializer_class(context=context, **kwargs)

    def columns(self, language=None):
        """The columns, named in `language`'s script (the active language by default)."""
        with override(language) if language else nullcontext():
            columns = self.serializer_class.columns()
        if language == "zh-hant":
            from core.scripts import to_traditional

            columns = [
                replace(c, label=to_traditional(c.label), description=to_traditional(c.description))
                for c in columns
            ]
        return columns

    def rows(self, queryset, language, base_url, chunk_size=1000):
        """Each row as a dict of JSON-ready values, in `language`'s script. Streams: one
        chunk of the queryset at a time."""
        serializer = self.serializer(language, base_url)
        with override(language):
            for obj in queryset.iterator(chunk_size=chunk_size):
                yield serializer.to_representation(obj)

    def formats(self):
        """The download formats of this dataset's lists: the three files every dataset has,
        and its own (360Giving for funding)."""
        return ["csv", "xlsx", "json", *self.extra_formats()]

    def extra_formats(self):
        """{format: callable(queryset, language, base_url) → (content type, file name,
        byte chunks)} for formats only this dataset has."""
        return {}

    def last_updated(self):
        if not self.updated_field:
            return None
        from django.db.models import Max

        return self.get_queryset().order_by().aggregate(last=Max(self.updated_field))["last"]


def register(dataset_class):
    dataset = dataset_class()
    if dataset.key in _DATASETS:
        raise ValueError(f"dataset {dataset.key!r} is registered twice")
    _DATASETS[dataset.key] = dataset
    return dataset_class


def datasets():
    """Every registered dataset, in position order."""
    return sorted(_DATASETS.values(), key=lambda dataset: (dataset.position, dataset.key))


def get_dataset(key):
    return _DATASETS.get(key)


def site_url():
    """The public site's address, for absolute links in files made outside a request."""
    return getattr(settings, "PUBLIC_SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
