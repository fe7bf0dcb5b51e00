"""Rebuilding a modelsearch backend's index, model by model, with progress reports.

The same steps as modelsearch's rebuild command (one rebuilder per index, models added,
objects added in chunks), with a callback instead of printed dots so that
`manage.py rebuild_search` can show a progress bar.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
from wagtail.search.index import get_indexed_models

CHUNK_SIZE = 500


def chunks(queryset, size=CHUNK_SIZE):
    batch = []
    for obj in queryset.iterator(chunk_size=size):
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild_backend(backend, progress=None):
    """Index every indexed object again; returns how many were indexed.
    `progress(label, done, total)` is called after each chunk."""
    if not backend.rebuilder_class:
        return 0
    indexed = 0
    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        rebuilder = backend.rebuilder_class(index)
        index = rebuilder.start()
        for model in models:
            index.add_model(model)
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            total = objects.count()
            done = 0
            for batch in chunks(objects):
                index.add_items(model, batch)
                done += len(batch)
                if progress:
                    progress(model._meta.verbose_name, done, total)
            indexed += done
        rebuilder.finish()
    return indexed
