"""No input produces an error page (docs/input-validation.md).

A property-based test (Hypothesis) sends arbitrary query strings to every public address
(tests/fuzz/targets.py): known and unknown parameter names, repeated parameters, text,
raw bytes percent-encoded (invalid UTF-8, %00), huge and negative integers, and the
site's own valid values mixed in so that the filters and downloads really run. Each
response must be below 500 (a streamed download is read to its end).

FUZZ_EXAMPLES (default 2) is the number of generated query strings per address; a longer
run, e.g. `FUZZ_EXAMPLES=60`, makes a few thousand requests. The number of requests made
is printed at the end of the module ("fuzz: N requests …")."""

import os
from urllib.parse import quote, quote_from_bytes, urlsplit

from django.test import Client
from django.urls import resolve
from django.utils import translation

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from opendata.exports import FORMAT_LABELS
from opendata.registry import datasets
from orgs.directory import SORTS, STATUS_CHOICES

from .targets import NOT_PUBLIC, PAGE_ROUTES, parameter_names, targets, top_level_patterns

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
REQUESTS = {"count": 0, "by_status": {}}

# Values the audit (issue 12) and sqlmap-like tools send.
HOSTILE = [
    "%",
    "*",
    "!",
    "(((",
    "\\",
    '"',
    "'",
    "' OR '1'='1",
    "1; DROP TABLE orgs_organizationpage--",
    "\x00",
    "a\x00b",
    "\ufffd",
    "９",
    "1e400",
    "-1",
    "0",
    "NaN",
    "2.5",
    " 3 ",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "七宝",
    "巡邏",
    "",
]
INTEGERS = [2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**100]


def site_values():
    """Valid values of the site's parameters, so that filters, downloads and feeds run."""
    from taxonomy.models import Category, Region

    values = ["any", "active", "none", "3", "2", "1", "zh-hant", "zh-hans", "rss", "atom"]
    values += list(SORTS) + [key for key, _label in STATUS_CHOICES]
    values += list(FORMAT_LABELS) + [dataset.key for dataset in datasets()]
    values += ["amount", "-amount", "year", "-year", "date", "-date", "star", "-score"]
    values += list(Region.objects.values_list("code", flat=True)[:6])
    values += list(Category.objects.values_list("slug", flat=True)[:3])
    values += ["2020", "2025", "1990", "2100", "2024-01-01", "orgs", "notices", "funding"]
    return values


def encoded(value):
    """A value percent-encoded as a browser (or a robot) would send it."""
    if isinstance(value, bytes):
        return quote_from_bytes(value, safe="")
    return quote(str(value), safe="")


def query_strings(names, values):
    name = st.one_of(st.sampled_from(names), st.text(max_size=8), st.binary(max_size=4))
    value = st.one_of(
        st.sampled_from(values),
        st.sampled_from(HOSTILE),
        st.sampled_from(INTEGERS),
        st.integers(),
        st.text(max_size=40),
        st.binary(max_size=12),
    )
    pairs = st.lists(st.tuples(name, value), max_size=6)
    # Repeated parameters: a name given twice or more, with different values.
    repeated = st.tuples(st.sampled_from(names), st.lists(value, min_size=2, max_size=4)).map(
        lambda item: [(item[0], v) for v in item[1]]
    )
    return st.tuples(pairs, st.one_of(st.just([]), repeated)).map(
        lambda both: "&".join(f"{encoded(n)}={encoded(v)}" for n, v in both[0] + both[1])
    )


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # a download fails while it streams
    REQUESTS["count"] += 1
    status = response.status_code
    REQUESTS["by_status"][status] = REQUESTS["by_status"].get(status, 0) + 1
    return response


@pytest.fixture(scope="module", autouse=True)
def report_requests(request):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    line = (
        f"fuzz: {REQUESTS['count']} requests ({EXAMPLES} query strings per address), "
        f"statuses {dict(sorted(REQUESTS['by_status'].items()))}"
    )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.ensure_newline()
            reporter.write_line(line)
    else:
        print(line)


@pytest.fixture
def site(world, db):
    return {"targets": targets(), "names": parameter_names(), "values": site_values()}


def test_the_addresses_cover_every_public_pattern_and_page_type(site):
    """Every pattern of config/urls.py but the admin's, every page type of the world and
    every route of a routable page is among the fuzzed addresses."""
    routes = set()
    for path, _what in site["targets"]:
        language = "zh-hant" if path.startswith("/zh-hant/") else "zh-hans"
        with translation.override(language):
            routes.add(resolve(path).route)
    fuzzed = "\n".join(sorted(routes))
    for pattern in top_level_patterns():
        if pattern in NOT_PUBLIC:
            continue
        assert any(route.startswith(pattern) or pattern in route for route in routes), (
            pattern,
            fuzzed,
        )
    kinds = {what for _path, what in site["targets"]}
    for kind in (
        "homepage",
        "organizationindexpage",
        "organizationpage",
        "noticeindexpage",
        "noticepage",
        "disclosureindexpage",
        "caseindexpage",
        "casepage",
        "standardpage",
    ):
        assert kind in kinds, kind
    paths = {path for path, _what in site["targets"]}
    for kind, kind_routes in PAGE_ROUTES.items():
        page_url = next(path for path, what in site["targets"] if what == kind)
        assert {page_url + route for route in kind_routes} <= paths
    for dataset in datasets():
        assert f"/api/v1/{dataset.key}/" in paths


def sweeps(names):
    """The same hostile value in every parameter at once (the audit's cases among them),
    sent to every address before the generated ones. Left out: `lang`, which the API
    refuses before it reads the others, and `format`, which the API reads as a choice of
    renderer (the pages' downloads get their own sweeps)."""
    names = [name for name in names if name not in ("lang", "format")]

    def every(value, **fixed):
        pairs = [(name, value) for name in names if name not in fixed] + list(fixed.items())
        return "&".join(f"{encoded(n)}={encoded(v)}" for n, v in pairs)

    return [
        every("\x00"),
        every(str(2**63)),
        every(b"\xff\xfe"),
        every("%"),
        every("\x00", format="json"),
        every(str(2**63), format="csv"),
        "&".join(f"{n}=1&{n}=%25&{n}={2**63}" for n in names),
    ]


def fuzz_address(client, path, names, values):
    """The sweeps, then EXAMPLES generated query strings, at `path`: none gives a 5xx,
    and no redirect leaves the site."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(query=query_strings(names, values))
    def no_error_page(query):
        url = f"{path}?{query}" if query else path
        response = fetch(client, url)
        assert response.status_code < 500, (url, response.status_code)
        if 300 <= response.status_code < 400:
            # No open redirect: a browser reads "\\" as "/".
            location = urlsplit(response["Location"].replace("\\", "/"))
            assert location.netloc in ("", "testserver"), (url, response["Location"])

    for query in sweeps(names):
        no_error_page = example(query=query)(no_error_page)
    no_error_page()


def test_no_query_string_gives_an_error_page(site):
    """Every address is fuzzed (a failing one does not stop the others): the failures,
    each with its simplest failing query string, are listed together."""
    client = Client(raise_request_exception=False)  # a 5xx is counted, then reported
    failures = []
    for path, _what in site["targets"]:
        try:
            fuzz_address(client, path, site["names"], site["values"])
        except Exception as error:  # an AssertionError, or a group of them
            errors = getattr(error, "exceptions", [error])
            failures += [str(e).splitlines()[0][:300] for e in errors]
    assert not failures, "\n".join(failures)
