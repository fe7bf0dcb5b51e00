"""Every dataset whole, as files: manage.py export_open_data (nightly; see README)."""

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from core.progress import progress_bar
from opendata.bulk import (
    LANGUAGES,
    STANDARD_FORMATS,
    ExportRunning,
    default_directory,
    plan,
    write_set,
)


class Command(BaseCommand):
    help = (
        "Write every open dataset, in each script, as CSV, XLSX and JSON (and each "
        "dataset's own formats, such as 360Giving), with SHA256SUMS and manifest.json, "
        "into MEDIA_ROOT/open-data/ (or --output), replacing the previous set at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help=f"directory of the set (default: {default_directory()})"
        )
        parser.add_argument(
            "--language", choices=[*LANGUAGES, "both"], default="both", help="default: both"
        )
        parser.add_argument(
            "--formats",
            help="comma-separated formats to write, e.g. csv,json (default: every format "
            "of every dataset, 360giving included)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, output=None, language="both", formats=None, **options):
        languages = LANGUAGES if language == "both" else (language,)
        wanted = {f.strip() for f in formats.split(",") if f.strip()} if formats else None
        files = plan(languages, wanted)
        if not files:
            raise CommandError(f"no dataset has any of these formats: {formats}")
        # Rows of the standard formats tick the bar; a dataset's own format ticks it
        # once it is written (its writer does not report rows).
        total = sum(dataset.get_queryset().count() for dataset, _language, _format in files)
        quiet = options["no_progress"] or options["verbosity"] < 1
        with progress_bar(self, total=total, unit=" rows", unit_scale=True, disable=quiet) as bar:

            def on_file(entry):
                if entry["format"] not in STANDARD_FORMATS:
                    bar.update(entry["rows"])
                bar.set_postfix_str(entry["file"])

            try:
                manifest = write_set(
                    output, languages, wanted, on_row=lambda: bar.update(), on_file=on_file
                )
            except ExportRunning as error:
                raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            size = sum(entry["bytes"] for entry in manifest["files"])
            self.stdout.write(
                f"{len(manifest['files'])} files, {filesizeformat(size)}, "
                f"into {output or default_directory()}"
            )
