#!/usr/bin/env python
"""Open-data exports at city scale: time and memory of a 200,000-row export, and of
export_open_data.

    .venv/bin/python bench/exports.py [--orgs 40000] [--rows 200000] [--formats csv,json,xlsx]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shequ_bench .venv/bin/python bench/exports.py

Same data as the page benchmark (demo content + N generated organizations, built on the
first run). First the funding records are brought to --rows inside a transaction that is
rolled back at the end (copies of the generated records, bulk_create in batches of 5,000,
so the database is left as it was and the other benchmarks are unaffected), and
opendata.exports.stream() writes them in each format to a null sink (the bytes are
counted and dropped), as a download does. Last, export_open_data writes the whole set
(every dataset, both scripts, every format) into a temporary directory: its wall time
and RSS growth. It runs last because its one-time costs (OpenCC's dictionaries, about
40 MB, and the caches of converted names) would otherwise hide the streams' growth.

Memory is the process's resident set size (RSS), sampled every 10 ms by a thread, minus
the RSS before the export; the issue's bar is 50 MB for 200,000 rows. ru_maxrss (the
process's peak so far) is reported too: it grows only when an export goes above every
earlier peak.
"""

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

from _setup import RESULTS, ensure_data, setup_django

PAGE = os.sysconf("SC_PAGE_SIZE")
BAR_MB = 50


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Sampler:
    """The highest RSS while the block runs, sampled by a thread."""

    def __init__(self, interval=0.01):
        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            self._stop.wait(self.interval)

    def __enter__(self):
        import gc

        gc.collect()
        self.start = rss_mb()
        self.start_maxrss = maxrss_mb()
        self.peak = self.start
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())
        self.growth = self.peak - self.start
        self.maxrss_growth = maxrss_mb() - self.start_maxrss


def top_up_funding(rows, log):
    """Copies of the existing funding records until there are `rows` (inside the caller's
    transaction)."""
    from disclosure.models import FundingRecord

    have = FundingRecord.objects.count()
    if have >= rows:
        return 0
    if not have:
        raise SystemExit("no funding records to copy: build the data first")
    fields = [
        f.attname
        for f in FundingRecord._meta.concrete_fields
        if not f.primary_key and f.attname not in ("updated_at",)
    ]
    source = list(FundingRecord.objects.values(*fields)[:5000])
    missing = rows - have
    made = 0
    while made < missing:
        batch = []
        for i in range(min(5000, missing - made)):
            values = dict(source[(made + i) % len(source)])
            values["project_title"] = f"{values['project_title']}（复本{made + i + 1}）"
            batch.append(FundingRecord(**values))
        FundingRecord.objects.bulk_create(batch, batch_size=5000)
        made += len(batch)
    log(f"added {made:,} funding records (rolled back at the end)")
    return made


def export_to_null(dataset, queryset, fmt, language):
    from opendata.exports import stream

    rows = 0

    def on_row():
        nonlocal rows
        rows += 1

    size = 0
    with Sampler() as sampler:
        _type, _name, chunks = stream(
            dataset, queryset, fmt, language, "https://example.org", on_row=on_row
        )
        for chunk in chunks:
            size += len(chunk)
    return rows, size, sampler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=40000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--formats", default="csv,json,xlsx")
    parser.add_argument("--language", choices=["zh-hans", "zh-hant"], default="zh-hans")
    parser.add_argument("--skip-command", action="store_true", help="skip export_open_data")
    parser.add_argument("--skip-streams", action="store_true", help="only export_open_data")
    args = parser.parse_args()
    setup_django()
    generated_in = ensure_data(args.orgs)

    from django.core.management import call_command
    from django.db import connection, transaction

    from opendata.registry import get_dataset

    lines = [f"# Export benchmark ({connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')})", ""]
    if generated_in:
        lines.append(f"Generating {args.orgs:,} organizations took {generated_in:.0f} s.")

    def log(message):
        print(message, flush=True)

    dataset = get_dataset("funding")
    table = [
        "",
        f"{args.rows:,} funding records through opendata.exports.stream() to a null sink "
        f"({args.language}):",
        "",
        "| format | rows | seconds | rows/s | output MB | RSS growth MB | ru_maxrss growth MB | ≤ 50 MB |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    with transaction.atomic():
        if args.skip_streams:
            table = []
        else:
            top_up_funding(args.rows, log)
        queryset = dataset.get_queryset()[: args.rows]
        formats = [] if args.skip_streams else [f.strip() for f in args.formats.split(",")]
        for fmt in filter(None, formats):
            rows, size, s = export_to_null(dataset, queryset, fmt, args.language)
            table.append(
                f"| {fmt} | {rows:,} | {s.seconds:.1f} | {rows / s.seconds:,.0f} | "
                f"{size / 2**20:.1f} | {s.growth:.1f} | {s.maxrss_growth:.1f} | "
                f"{'yes' if s.growth <= BAR_MB else 'NO'} |"
            )
            log(table[-1])
        transaction.set_rollback(True)

    # The whole set last: it loads OpenCC and fills the process's caches, which would
    # hide the streams' own growth if it ran first.
    if not args.skip_command:
        with tempfile.TemporaryDirectory() as directory, Sampler() as sampler:
            output = Path(directory) / "open-data"
            call_command("export_open_data", output=str(output), no_progress=True, verbosity=0)
            files = [p for p in output.iterdir() if p.is_file()]
            size = sum(p.stat().st_size for p in files)
        rows = {d: get_dataset(d).get_queryset().count() for d in ("organizations", "funding")}
        table.append("")
        table.append(
            f"export_open_data (every dataset, both scripts, every format; "
            f"{rows['organizations']:,} organizations, {rows['funding']:,} funding records): "
            f"{len(files)} files, {size / 2**20:.0f} MB in {sampler.seconds:.0f} s, "
            f"RSS growth {sampler.growth:.0f} MB."
        )
        log(table[-1])

    finish(lines + table, connection)


def finish(lines, connection):
    report = "\n".join(lines)
    print("\n" + report)
    name = f"exports-{connection.vendor}.md"
    (RESULTS / name).write_text(report + "\n", encoding="utf-8")
    print(f"\nWritten to bench/results/{name}")


if __name__ == "__main__":
    main()
