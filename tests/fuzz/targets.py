"""Every public address of the site, for the fuzz test: the URL patterns of
config/urls.py (the API's through its router) and every live page of the world in both
scripts with its routes (feeds, record tables), and every query parameter that some page
or endpoint reads."""

from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.models import Page

from opendata.registry import datasets
from orgs.directory import DirectoryFilterForm
from search import registry

# Routes of the routable pages, by page type (disclosure/models.py).
PAGE_ROUTES = {
    "noticeindexpage": ["feed/rss/", "feed/atom/"],
    "disclosureindexpage": [
        "funding/",
        "evaluations/",
        "funding/feed/rss/",
        "funding/feed/atom/",
        "evaluations/feed/rss/",
        "evaluations/feed/atom/",
    ],
}

# Top-level patterns that are not public pages, and why.
NOT_PUBLIC = {
    "^admin/snippets/orgs/(?P<rest>(?:region|category)/.*)$": "the admin's old addresses",
    "admin/": "the admin (login required)",
}


def dataset_ids():
    """{dataset key: an identifier of one of its rows} (the detail endpoints)."""
    ids = {}
    for dataset in datasets():
        row = dataset.get_queryset().first()
        ids[dataset.key] = getattr(row, dataset.lookup_field) if row is not None else "1"
    return ids


def targets():
    """[(path, what it is)]: every public address, once per kind of thing it serves."""
    found = [
        ("/", "language root"),
        ("/favicon.ico", "favicon"),
        ("/sitemap.xml", "sitemap index"),
        ("/sitemap-pages.xml", "sitemap"),
        ("/language/zh-hans/", "language choice"),
        ("/language/zh-hant/", "language choice"),
        ("/display/elder/", "elder mode switch"),
        ("/display/standard/", "elder mode switch"),
        ("/healthz", "health check"),
        ("/api/search/", "search JSON (older)"),
        ("/api/search/suggest/", "search suggestions"),
        ("/api/v1/", "API root"),
        ("/api/v1/search/", "API search"),
        ("/api/v1/schema/", "API schema"),
        ("/api/v1/docs/", "API documentation"),
        ("/api/v1/no-such-thing/", "API 404"),
        ("/documents/1/file.pdf", "document"),
        ("/media/file.png", "media (development only)"),
    ]
    for language in ("zh-hans", "zh-hant"):
        found += [
            (f"/{language}/search/", "search page"),
            (f"/{language}/data/", "open data page and its downloads"),
        ]
    for key, lookup in dataset_ids().items():
        found += [(f"/api/v1/{key}/", "API list"), (f"/api/v1/{key}/{lookup}/", "API detail")]
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        kind = page.specific_class._meta.model_name
        found.append((url, kind))
        found += [(url + route, f"{kind} route") for route in PAGE_ROUTES.get(kind, [])]
    return found


def top_level_patterns():
    """The patterns of config/urls.py as written (the prefix of an include), language
    prefixes taken off."""
    patterns = []
    for entry in get_resolver().url_patterns:
        if (
            isinstance(entry, URLResolver)
            and getattr(entry.pattern, "prefix_default_language", None) is not None
        ):
            patterns += [str(p.pattern) for p in entry.url_patterns]
        elif isinstance(entry, URLPattern | URLResolver):
            patterns.append(str(entry.pattern))
    return patterns


def parameter_names():
    """Every parameter some public page or endpoint reads (its filters', the search's, the
    pagination's, the downloads', the API's)."""
    names = {"page", "page_size", "format", "dataset", "lang", "q", "next", "kind"}
    names |= set(DirectoryFilterForm.base_fields)
    names |= set(registry.facets())
    for dataset in datasets():
        if dataset.filterset_class is not None:
            names |= set(dataset.filterset_class.base_filters)
    return sorted(names)
