#!/usr/bin/env python
"""Server time and query count of the public pages at city scale.

    .venv/bin/python bench/pages.py [--orgs 40000] [--runs 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shequ_bench .venv/bin/python bench/pages.py

The first run builds the data (demo content + N generated organizations) and reports how
long that took; later runs reuse it. Times are measured in-process through Django's test
client (the whole request/response cycle, no network), after three warm-up requests.
"""

import argparse
import statistics
import time

from _setup import RESULTS, ensure_data, percentile, setup_django


def pages_to_measure():
    from core.dates import today
    from disclosure.models import NoticePage
    from orgs.models import OrganizationPage

    busy = (
        OrganizationPage.objects.filter(
            slug__startswith="gen-", funding_records__isnull=False, locale__language_code="zh-hans"
        )
        .order_by("pk")
        .first()
    )
    notice = (
        NoticePage.objects.filter(slug__startswith="gen-", locale__language_code="zh-hans")
        .order_by("-pk")
        .first()
    )
    year = today().year
    qibao = OrganizationPage.objects.get(
        slug="dongting-qibao-patrol", locale__language_code="zh-hans"
    ).url
    return [
        ("home", "/zh-hans/"),
        ("directory", "/zh-hans/orgs/"),
        ("directory, 2nd page", "/zh-hans/orgs/?page=2"),
        (
            "directory, filtered",
            "/zh-hans/orgs/?district=420106&category=shequ-shiwu&status=active",
        ),
        (
            "directory, street + star sort",
            "/zh-hans/orgs/?district=420106&street=420106001&sort=star",
        ),
        ("directory, 3 stars", "/zh-hans/orgs/?star=3"),
        ("profile (demo)", qibao),
        ("profile (generated)", busy.url),
        ("notice list", "/zh-hans/notices/"),
        ("notice list, open", "/zh-hans/notices/?state=open"),
        ("notice", notice.url),
        ("disclosure", "/zh-hans/disclosure/"),
        # The overview under filters is computed for each request (not cached).
        (
            "disclosure, district + year",
            f"/zh-hans/disclosure/?district=420106&year_from={year}&year_to={year}",
        ),
        (
            "disclosure, street + source + category + years",
            f"/zh-hans/disclosure/?district=420106&street=420106001&source=government_purchase"
            f"&category=shequ-shiwu&year_from={year - 2}&year_to={year}",
        ),
        (
            "funding table, district + year",
            f"/zh-hans/disclosure/funding/?district=420106&year={year}",
        ),
        ("funding table, by amount", "/zh-hans/disclosure/funding/?sort=-amount"),
        ("evaluation table, 3 stars", "/zh-hans/disclosure/evaluations/?star=3"),
        # The traditional site: the same queries on the twins, plus conversion of records.
        ("zh-hant home", "/zh-hant/"),
        ("zh-hant directory", "/zh-hant/orgs/"),
        ("zh-hant directory, filtered", "/zh-hant/orgs/?district=420106&status=active"),
        ("zh-hant profile (demo)", qibao.replace("/zh-hans/", "/zh-hant/")),
        ("zh-hant profile (generated)", busy.url.replace("/zh-hans/", "/zh-hant/")),
        ("zh-hant notice", notice.url.replace("/zh-hans/", "/zh-hant/")),
        ("zh-hant disclosure", "/zh-hant/disclosure/"),
        (
            "zh-hant disclosure, district + year",
            f"/zh-hant/disclosure/?district=420106&year_from={year}&year_to={year}",
        ),
    ]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), percentile(times, 0.95), len(queries.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=40000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="measure only pages whose name has this")
    args = parser.parse_args()
    url = setup_django()
    generated_in = ensure_data(args.orgs)

    from django.db import connection
    from django.test import Client

    from disclosure.models import EvaluationRecord, FundingRecord, NoticePage
    from orgs.models import OrganizationPage

    client = Client()
    lines = [
        f"# Page benchmark ({connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"Data: {OrganizationPage.objects.count():,} organizations, {NoticePage.objects.count():,} notices, "
        f"{FundingRecord.objects.count():,} funding records, {EvaluationRecord.objects.count():,} evaluation records.",
    ]
    if generated_in:
        lines.append(f"Generating {args.orgs:,} organizations took {generated_in:.0f} s.")
    lines += [
        "",
        f"{args.runs} requests a page after 3 warm-ups.",
        "",
        "| page | median ms | p95 ms | queries |",
        "|---|---:|---:|---:|",
    ]
    for name, path in pages_to_measure():
        if args.only not in name:
            continue
        median, p95, queries = measure(client, path, args.runs)
        lines.append(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")
    report = "\n".join(lines)
    print(report)
    out = RESULTS / f"pages-{connection.vendor}.md"
    out.write_text(report + "\n", encoding="utf-8")
    print(f"\n(written to {out.relative_to(RESULTS.parent.parent)}; database {url.split('@')[-1]})")


if __name__ == "__main__":
    main()
