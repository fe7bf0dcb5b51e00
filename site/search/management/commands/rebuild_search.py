from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.progress import progress_bar
from search import sync
from search.normalize import NORMALIZER_VERSION


class Command(BaseCommand):
    help = (
        "Rebuilds the public search's entries (with a progress bar) and Wagtail's own index "
        "for the admin search."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--public-only",
            action="store_true",
            help="Only the public search's entries (Wagtail's admin index is left as it is).",
        )

    def handle(self, *args, public_only=False, **options):
        self.stdout.write(f"normaliser version {NORMALIZER_VERSION}")
        bars = {}

        def progress(label, done, total):
            bar = bars.get(label)
            if bar is None:
                bar = bars[label] = progress_bar(self, total=total, desc=str(label), unit="条")
            bar.update(done - bar.n)
            if done >= total:
                bar.close()

        total = sync.rebuild(progress)
        self.stdout.write(f"indexed {total} objects for the public search")
        if not public_only:
            # Wagtail's own command (public API) for the index the admin search reads.
            call_command("update_index", stdout=self.stdout, stderr=self.stderr)
