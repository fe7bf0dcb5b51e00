from django.core.management.base import BaseCommand

from wagtail.search.backends import get_search_backends

from tqdm import tqdm

from search.engines import get_engine
from search.normalize import NORMALIZER_VERSION
from search.rebuild import rebuild_backend


class Command(BaseCommand):
    help = "Rebuilds every search index (Wagtail's and the public engine's), with a progress bar."

    def handle(self, *args, **options):
        self.stdout.write(f"normaliser version {NORMALIZER_VERSION}")
        bars = {}

        def progress(label, done, total):
            bar = bars.get(label)
            if bar is None:
                bar = bars[label] = tqdm(
                    total=total, desc=str(label), unit="条", file=self.stderr._out
                )
            bar.update(done - bar.n)
            if done >= total:
                bar.close()

        total = 0
        for backend in get_search_backends():
            bars.clear()
            total += rebuild_backend(backend, progress)
        bars.clear()
        # The engine's own store: Elasticsearch's indices, or SearchEntry on PostgreSQL
        # (on SQLite the engine reads Wagtail's index, rebuilt above, and adds nothing).
        total += get_engine().rebuild(progress)
        self.stdout.write(f"indexed {total} objects")
