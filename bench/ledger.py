#!/usr/bin/env python
"""Ledger import at city scale: a 40,000-row ledger validated and applied.

    .venv/bin/python bench/ledger.py [--orgs 40000] [--rows 40000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shequ_ledger_bench .venv/bin/python bench/ledger.py

Same data as the page benchmark (demo content + N generated organizations, built on the
first run), so the file is checked against a full directory. Two files of --rows rows
each, both as CSV in GB18030:

- "create": new organizations (filed, with filing numbers, tags, dates and a
  description) spread over the existing communities;
- "update": the ledger of those new organizations as the site exports it, with 成员数
  and 联系电话 changed on every row, so every row updates its organization. (The
  generated organizations cannot all be updated: a third are community-managed, without
  codes, with names that repeat within a community, which an import rightly refuses.)

Each is timed as the import runs it: reading + validating, then applying (pages, tags,
revisions, zh-hant twins, search entries, cache), and the two together, with the time of
each writing step. Both run in one transaction rolled back at the end, so the database
is left as it was and the other benchmarks are unaffected. The issue's bar: validate + apply of
40,000 rows under 2 minutes.
"""

import argparse
import csv
import gc
import io
import os
import time

from _setup import RESULTS, ensure_data, setup_django

BAR_SECONDS = 120


class CollectorClock:
    """Seconds spent in Python's cyclic garbage collector (gc.callbacks)."""

    def __init__(self):
        self.seconds, self.started = 0.0, None
        gc.callbacks.append(self.callback)

    def callback(self, phase, info):
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.seconds += time.perf_counter() - self.started
            self.started = None

    def stop(self):
        gc.callbacks.remove(self.callback)
        return self.seconds


class Timer:
    def __init__(self):
        self.marks = {}

    def __call__(self, label):
        self.marks[label] = time.perf_counter()


def creating_file(rows):
    """CSV bytes (GB18030) of `rows` new organizations in the existing communities."""
    from demo.scale import ACTIVITIES, KINDS, SURNAMES, TAGS
    from orgs.ledger import HEADERS
    from taxonomy.models import Category, Region
    from translation.locales import default_locale_id

    locale_id = default_locale_id()
    communities = list(
        Region.objects.filter(locale_id=locale_id, level=Region.Level.COMMUNITY)
        .select_related("parent__parent")
        .order_by("code")
    )
    categories = {
        c.slug: c.name for c in Category.objects.filter(locale_id=locale_id, slug__in=ACTIVITIES)
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    slugs = sorted(categories)
    for number in range(1, rows + 1):
        community = communities[number % len(communities)]
        street, district = community.parent, community.parent.parent
        slug = slugs[number % len(slugs)]
        activity = ACTIVITIES[slug][number % len(ACTIVITIES[slug])]
        kind = KINDS[number % len(KINDS)]
        title = f"{community.name}{activity}{kind}（台账{number:05d}）"
        writer.writerow(
            [
                title,
                "",
                f"台账备〔2026〕L{number:05d}号",
                "街道备案",
                categories[slug],
                "、".join(TAGS[slug][:2]),
                district.name,
                street.name,
                community.name,
                SURNAMES[number % len(SURNAMES)] + "秀兰",
                f"027-{86000000 + number}",
                f"{district.name}{street.name}{community.name}党群服务中心",
                5 + number % 50,
                number % 80,
                f"2025/{1 + number % 12}/{1 + number % 28}",
                f"2026年{1 + number % 6}月{1 + number % 28}日",
                f"{title}由居民自发组成，开展{activity}活动。",
            ]
        )
    return buffer.getvalue().encode("gb18030")


def updating_file(pages):
    """The ledger of `pages` as the site exports it, with 成员数 and 联系电话 changed on
    each row, as CSV bytes (GB18030)."""
    from orgs.ledger import COLUMNS
    from orgs.ledger.exporting import ledger_rows, organizations

    keys = [column.key for column in COLUMNS]
    pks = [page.pk for page in pages]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in COLUMNS])
    written = 0
    for start in range(0, len(pks), 500):
        for values in ledger_rows(organizations().filter(pk__in=pks[start : start + 500])):
            values["member_count"] = str(int(values["member_count"]) + 1)
            values["contact_phone"] = f"139{written:08d}"
            writer.writerow([values[key] for key in keys])
            written += 1
    return buffer.getvalue().encode("gb18030"), written


def run(label, data, log):
    """Import `data` (in the caller's transaction); returns the plan."""
    from orgs.ledger import import_ledger

    steps = {}
    collector = CollectorClock()
    started = time.perf_counter()
    plan = import_ledger(
        data,
        encoding="gb18030",
        on_step=lambda step: steps.setdefault(step, time.perf_counter()),
    )
    ended = time.perf_counter()
    in_gc = collector.stop()
    if plan.errors:
        raise SystemExit(f"{label}: {len(plan.errors)} errors, e.g. {plan.error_lines()[:3]}")
    first_step = min(steps.values()) if steps else ended
    validate, apply = first_step - started, ended - first_step
    total = validate + apply
    log(
        f"| {label} | {plan.rows:,} | {len(plan.created):,} | {len(plan.changed):,} | "
        f"{validate:.1f} | {apply:.1f} | {total:.1f} | {'yes' if total < BAR_SECONDS else 'NO'} |"
    )
    ordered = sorted(steps.items(), key=lambda item: item[1]) + [("end", ended)]
    log(
        f"    {label}, apply steps: "
        + ", ".join(
            f"{name} {ordered[i + 1][1] - at:.1f} s" for i, (name, at) in enumerate(ordered[:-1])
        )
        + f"; in the garbage collector {in_gc:.1f} s"
    )
    return plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=40000)
    parser.add_argument("--rows", type=int, default=40000)
    parser.add_argument(
        "--only",
        choices=("create", "update"),
        help="run one file (update still imports the create file first, untimed)",
    )
    args = parser.parse_args()
    setup_django()
    generated_in = ensure_data(args.orgs)

    from django.db import connection

    def log(message):
        print(message, flush=True)

    lines = [f"# Ledger import benchmark ({connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')})"]
    lines.append("")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines.append(f"{os.cpu_count()} CPUs, load average at the start: {load}.")
    if generated_in:
        lines.append(f"Generating {args.orgs:,} organizations took {generated_in:.0f} s.")
    table = [
        "| file | rows | created | changed | validate s | apply s | total s | < 2 min |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    details = []

    def collect(message):
        log(message)
        (details if message.startswith("    ") else table).append(message.strip())

    from django.db import transaction

    with transaction.atomic():  # rolled back below: the database is left as it was
        started = time.perf_counter()
        data = creating_file(args.rows)
        log(
            f"create file: {len(data) / 2**20:.1f} MB made in {time.perf_counter() - started:.0f} s"
        )
        if args.only == "update":
            from orgs.ledger import import_ledger

            plan = import_ledger(data, encoding="gb18030")  # untimed: what update changes
        else:
            plan = run("create", data, collect)
        if args.only != "create":
            started = time.perf_counter()
            data, rows = updating_file(plan.created)
            log(
                f"update file: {rows:,} rows, {len(data) / 2**20:.1f} MB made in {time.perf_counter() - started:.0f} s"
            )
            run("update", data, collect)
        transaction.set_rollback(True)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines.append(f"Load average at the end: {load}.")
    lines.append("")
    report = "\n".join(lines + table + [""] + [f"- {d}" for d in details])
    print("\n" + report)
    name = f"ledger-{connection.vendor}.md"
    (RESULTS / name).write_text(report + "\n", encoding="utf-8")
    print(f"\nWritten to bench/results/{name}")


if __name__ == "__main__":
    main()
