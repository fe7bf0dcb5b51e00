"""manage.py import_ledger PATH [--dry-run] [--encoding ...]: a ledger from the command
line, with the admin's checks (orgs/ledger)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.progress import progress_bar
from orgs.ledger import LedgerFileError, import_ledger


class Command(BaseCommand):
    help = (
        "Import a ledger (CSV in UTF-8, UTF-8 with BOM or GB18030, or XLSX, with the "
        "Chinese column names): every row is checked first and every error printed as "
        "第N行 列名: 说明; then the whole file is written, or nothing (exit status 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the ledger file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report only; write nothing"
        )
        parser.add_argument(
            "--encoding", help="encoding of a CSV file (default: UTF-8, else GB18030)"
        )
        parser.add_argument(
            "--region",
            action="append",
            metavar="CODE",
            help="only rows within this 区划代码 (repeatable), as a street editor's import",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, path, dry_run=False, encoding=None, region=None, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            ) from error
        quiet = options["no_progress"] or options["verbosity"] < 1
        bar = progress_bar(self, unit=" 行", disable=quiet, desc=_("Checking"))

        def on_start(total):
            bar.reset(total=total)

        def on_step(label):
            bar.set_description_str(label)

        try:
            with bar:
                plan = import_ledger(
                    data,
                    allowed_region_codes=region,
                    encoding=encoding,
                    dry_run=dry_run,
                    on_row=bar.update,
                    on_start=on_start,
                    on_step=on_step,
                )
        except LedgerFileError as error:
            raise CommandError(str(error)) from error
        for line in plan.error_lines():
            self.stderr.write(line)
        summary = _(
            "%(rows)s rows (%(format)s): %(creates)s to create, %(updates)s to change, "
            "%(unchanged)s unchanged, %(errors)s errors."
        ) % {
            "rows": plan.rows,
            "format": plan.file_description,
            "creates": len(plan.creates),
            "updates": len(plan.updates),
            "unchanged": len(plan.unchanged),
            "errors": len(plan.errors),
        }
        self.stdout.write(summary)
        if plan.errors:
            raise CommandError(_("Nothing was imported: correct the rows above and run again."))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(
                _("Imported: %(created)s organizations created, %(changed)s changed.")
                % {"created": len(plan.created), "changed": len(plan.changed)}
            )
