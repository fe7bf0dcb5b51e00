"""Keeping the search current as content changes: the public engine's entries and
Wagtail's own (modelsearch) index, which the admin search reads.

The publish pipeline (publishing/pipeline.py) calls `changed()` and `deleted()`; nothing
here listens to signals. For a changed object this writes:
- its own entry, if a kind is registered for its model;
- the entries that carry its text (`SearchKind.affected_by`): an organization's records,
  the organizations of a renamed region or category …;
- the same objects in Wagtail's index (Wagtail indexes a page on save, before its tags
  and other child rows are written: re-indexing after publishing catches those).

Database engines write in the content's own transaction; Elasticsearch after the commit,
with a failure logged rather than raised (a publish must not fail because the search
node is down; `manage.py rebuild_search` repairs). With Elasticsearch the database's own
engine is written too (`engines.engines()`): it answers the searches while the node is
down (search/views.py).
"""

import logging

from django.db import transaction

from wagtail.search import index
from wagtail.search.backends import get_search_backends

from . import registry
from .engines import engines
from .index import writing_in_bulk

logger = logging.getLogger(__name__)

REINDEX_LIMIT = 5000  # beyond this many dependent rows, run `manage.py rebuild_search`


def _run(engine, write):
    if engine.writes_in_transaction:
        write()
        return

    def after_commit():
        try:
            write()
        except engine.errors:
            logger.exception("搜索索引更新失败，请运行 manage.py rebuild_search")

    transaction.on_commit(after_commit)


def _write(engine, kind, pks):
    def write():
        objects = list(kind.indexed_objects().filter(pk__in=pks))
        engine.write(kind, objects)
        missing = set(pks) - {obj.pk for obj in objects}
        if missing:
            engine.delete(kind, missing)

    _run(engine, write)


def _affected(model, pks):
    """{kind: [pks]} of the rows whose entries carry text of `model` rows `pks`."""
    found = {}
    for kind in registry.kinds().values():
        rows = kind.affected_by(model, pks)
        if rows is None:
            continue
        ids = list(rows.values_list("pk", flat=True)[: REINDEX_LIMIT + 1])
        if len(ids) > REINDEX_LIMIT:
            logger.warning(
                "%s 条%s需要更新搜索索引，超过 %s 条：请运行 manage.py rebuild_search",
                len(ids),
                kind.label,
                REINDEX_LIMIT,
            )
            ids = ids[:REINDEX_LIMIT]
        if ids:
            found[kind] = ids
    return found


def changed(instance):
    """`instance` (a page, record or snippet) was published, unpublished, moved or saved."""
    model = type(instance)
    public = engines()
    for kind in registry.kinds_for(model):
        for engine in public:
            _write(engine, kind, [instance.pk])
    if index.class_is_indexed(model):
        index.insert_or_update_object(instance)
    for kind, pks in _affected(model, [instance.pk]).items():
        for engine in public:
            _write(engine, kind, pks)
        if index.class_is_indexed(kind.model):
            for obj in kind.indexed_objects().filter(pk__in=pks):
                index.insert_or_update_object(obj)


def changed_in_bulk(model, pks, carried=True, size=2000):
    """Rows `pks` of `model` were written in bulk (no signals; see
    publishing.pipeline.pages_written_in_bulk): their entries, in batches of `size`, in
    the public engine and in Wagtail's index (through the backends' public `add_bulk`),
    and, with `carried`, the entries of the rows that carry their text (no limit: a bulk
    write asks for all of them). Each batch is read once for both stores."""
    with writing_in_bulk():
        _changed_in_bulk(model, list(pks), carried, size)


def _changed_in_bulk(model, pks, carried, size):
    public = engines()
    wagtail_pending = index.class_is_indexed(model)
    for kind in registry.kinds_for(model):
        shared = wagtail_pending and kind.model is model
        _write_everywhere(public, kind, pks, size, model if shared else None)
        wagtail_pending = wagtail_pending and not shared
    if wagtail_pending:
        _add_to_wagtail_index(model, model.get_indexed_objects(), pks, size)
    if not carried:
        return
    for kind in registry.kinds().values():
        found = set()
        for start in range(0, len(pks), size):
            rows = kind.affected_by(model, pks[start : start + size])
            if rows is not None:
                found.update(rows.values_list("pk", flat=True))
        wagtail_model = kind.model if index.class_is_indexed(kind.model) else None
        _write_everywhere(public, kind, sorted(found), size, wagtail_model)


def _write_everywhere(public, kind, pks, size, wagtail_model=None):
    """`kind`'s entries of `pks` in every public engine; Wagtail's index of `wagtail_model`
    with the first engine's batches only."""
    first, *others = public
    _write_in_bulk(first, kind, pks, size, wagtail_model)
    for engine in others:
        _write_in_bulk(engine, kind, pks, size)


def _write_in_bulk(engine, kind, pks, size, wagtail_model=None):
    """The entries of rows `pks` of `kind`, in batches: in the public engine, and with
    `wagtail_model` in Wagtail's index too, from the same objects (the kind's
    `indexed_objects()` select and prefetch what both read)."""
    backends = list(get_search_backends(with_auto_update=True)) if wagtail_model else []
    for start in range(0, len(pks), size):
        batch = pks[start : start + size]
        if not engine.writes_in_transaction:  # read again after the commit
            _write(engine, kind, batch)
            if backends:
                _add_bulk(
                    backends, wagtail_model, list(kind.indexed_objects().filter(pk__in=batch))
                )
            continue
        objects = list(kind.indexed_objects().filter(pk__in=batch))
        engine.write(kind, objects)
        missing = set(batch) - {obj.pk for obj in objects}
        if missing:
            engine.delete(kind, missing)
        _add_bulk(backends, wagtail_model, objects)


def _add_to_wagtail_index(model, queryset, pks, size):
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), size):
        _add_bulk(backends, model, list(queryset.filter(pk__in=pks[start : start + size])))


def _add_bulk(backends, model, objects):
    for backend in backends:
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # As Wagtail's own insert_or_update_object: an outside service's failure
            # is logged; a database backend's is raised (the transaction is lost).
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Wagtail 索引批量更新失败，请运行 manage.py rebuild_search")


def deleted(instance):
    """`instance` is gone (post_delete): its entry goes; what carried its text follows
    (rows that pointed at it are gone or repointed by then)."""
    pk = instance.pk
    for engine in engines():
        for kind in registry.kinds_for(type(instance)):
            _run(engine, lambda kind=kind, engine=engine: engine.delete(kind, [pk]))


def rebuild(progress=None):
    """The public engine's store, rebuilt from scratch (and the database's own, the
    fallback, beside Elasticsearch); returns the number of objects the first indexed."""
    first, *others = engines()
    indexed = first.rebuild(progress)
    for engine in others:

        def labelled(label, done, total, engine=engine):
            progress(f"{label} ({engine.name})", done, total)

        engine.rebuild(labelled if progress else None)
    return indexed
