"""Shared set-up for the benchmarks: Django on the bench settings and a database that
holds the demo content plus N generated organizations (made once, then reused)."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django(database_url=None):
    sys.path.insert(0, str(ROOT / "site"))
    sys.path.insert(0, str(ROOT))
    RESULTS.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = database_url or os.environ.get(
        "DATABASE_URL", f"sqlite:///{RESULTS / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    return os.environ["DATABASE_URL"]


def ensure_data(orgs):
    """Migrate and load the demo plus `orgs` generated organizations; returns seconds spent
    generating (0 when the data was already there)."""
    from django.core.management import call_command

    from orgs.models import OrganizationPage

    call_command("migrate", verbosity=0)
    generated = OrganizationPage.objects.filter(slug__startswith="gen-")
    # Both scripts: the generator also writes the zh-hant twins.
    if all(
        generated.filter(locale__language_code=code).count() >= orgs
        for code in ("zh-hans", "zh-hant")
    ):
        return 0.0
    started = time.perf_counter()
    call_command("load_demo", orgs=orgs, verbosity=0)
    return time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
