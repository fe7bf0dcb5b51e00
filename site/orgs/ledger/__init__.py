"""Ledger (台账) import and export: a street's organizations as CSV or XLSX with the
Chinese headers editors use. Read, check every row, then write the whole file or
nothing. See docs/ledger.md.

    plan = import_ledger(data, user=user, allowed_region_codes=codes, dry_run=True)
    plan.ok, plan.errors, plan.creates, plan.updates

Used by the admin (views.py) and `manage.py import_ledger`."""

from django.db import transaction

from core.bulk_pages import collections_paused

from .applying import apply_plan, lock_directory
from .columns import COLUMNS, HEADERS
from .exporting import write_ledger
from .permissions import allowed_region_codes, can_export, can_import
from .reading import LedgerFileError, read_ledger
from .validation import LedgerPlan, LedgerValidator, RowError

__all__ = [
    "COLUMNS",
    "HEADERS",
    "LedgerFileError",
    "LedgerPlan",
    "RowError",
    "allowed_region_codes",
    "can_export",
    "can_import",
    "import_ledger",
    "validate_ledger",
    "write_ledger",
]


def validate_ledger(data, allowed_region_codes=None, encoding=None, on_row=None, on_start=None):
    """The plan for ledger file `data` (bytes): what it would create and change, and
    every error. Raises LedgerFileError when the file cannot be read at all. Progress:
    `on_start(rows)` once the file is read, `on_row()` after each row."""
    sheet = read_ledger(data, encoding)
    if on_start:
        on_start(len(sheet.rows))
    return LedgerValidator(allowed_region_codes).validate(sheet, on_row=on_row)


def import_ledger(
    data,
    user=None,
    allowed_region_codes=None,
    encoding=None,
    dry_run=False,
    on_row=None,
    on_start=None,
    on_step=None,
    expected=None,
):
    """Validate ledger file `data` and, when no row has an error (and not `dry_run`),
    write it, all in one transaction: a failure anywhere leaves everything as it was.
    `expected`: the plan's fingerprint at its preview; the file is written only if it
    would still write the same (another import or edit since may have changed that).
    Returns the plan (with `.created` and `.changed` pages once written). Progress:
    `on_start` and `on_row` as for validate_ledger, `on_step(label)` as writing goes."""
    # Every row's page is kept until the end: see collections_paused.
    with collections_paused(), transaction.atomic():
        if not dry_run:
            lock_directory()  # before reading: no other import or page write meanwhile
        plan = validate_ledger(data, allowed_region_codes, encoding, on_row, on_start)
        plan.created, plan.changed = [], []
        plan.unexpected = expected is not None and plan.fingerprint() != expected
        if plan.ok and not dry_run and not plan.unexpected:
            plan.created, plan.changed = apply_plan(plan, user, on_step)
    return plan
