"""Pages written in bulk, for work at city scale: the demo's scale generator
(demo/scale.py, demo/scale_twins.py) and the ledger import (orgs/ledger/).

Wagtail's add_child(), save_revision() and publish() cost tens of milliseconds a page:
tens of thousands of organizations would take hours. Here tree paths are handed out by
treebeard's own helpers (core/library_internals.py), the Page rows are bulk-inserted and
the rows of the specific page tables, which Django cannot bulk_create for multi-table
inheritance, go in with executemany; updates are executemany too. Nothing here sends a
signal: the caller runs the publish pipeline's effects itself
(publishing.pipeline.pages_written_in_bulk), or says why not.
"""

import gc
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page, Revision

from modelcluster.models import get_all_child_relations

from .library_internals import child_path, step_of

BATCH = 2000


def insert_specific_rows(model, objects):
    """INSERT the rows of a page model's own table (page_ptr_id already set).

    Django refuses bulk_create() for multi-table inheritance; the base Page rows are
    bulk-created first, then these rows go in with executemany.
    """
    fields = [f for f in model._meta.local_concrete_fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def insert_page_rows(pages):
    """INSERT the Page rows of `pages` (instances of a specific page model, unsaved)
    and set their pks, a multi-row INSERT … RETURNING a batch: what bulk_create() does,
    without building a plain `Page` object for each page first (tens of thousands of
    Page.__init__ calls were a visible part of a bulk import)."""
    fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(Page._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    key = connection.ops.quote_name(Page._meta.pk.column)
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, pages)))
    with connection.cursor() as cursor:
        for start in range(0, len(pages), size):
            chunk = pages[start : start + size]
            params = [
                f.get_db_prep_save(f.pre_save(page, add=True), connection)
                for page in chunk
                for f in fields
            ]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))} "
                f"RETURNING {key}",
                params,
            )
            # One statement numbers its rows in the order of VALUES (a sequence or
            # SQLite's rowid, ascending), whatever order RETURNING lists them in.
            ids = sorted(pk for (pk,) in cursor.fetchall())
            for page, pk in zip(chunk, ids, strict=True):
                page.pk = page.page_ptr_id = page.id = pk


def save_pages(model, pages):
    """Insert Page rows, then the specific rows that point at them."""
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        insert_page_rows(chunk)
        insert_specific_rows(model, chunk)


def update_rows(model, objects, attnames):
    """UPDATE columns `attnames` of `objects` (saved instances of `model` or of a subclass)
    in `model`'s own table, with executemany: one statement, many parameter rows.
    (bulk_update() writes one CASE a column over a batch, which SQLite evaluates slowly
    for thousands of rows.)"""
    if not objects or not attnames:
        return
    fields = [model._meta.get_field(name) for name in attnames]
    fields = [f for f in fields if f in model._meta.local_concrete_fields]
    key = model._meta.pk
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(key.column)} = %s"
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=False), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def update_pages(model, pages, attnames):
    """Write the fields `attnames` of saved `pages` of type `model`: those of Page's table
    and those of the specific table, one executemany each."""
    page_fields = {f.attname for f in Page._meta.concrete_fields}
    update_rows(Page, pages, [name for name in attnames if name in page_fields])
    update_rows(model, pages, [name for name in attnames if name not in page_fields])


def save_revisions(pages, user=None, created_at=None):
    """A revision of each page as it is now (as Page.save_revision() would write it) and
    the page pointed at it as its latest revision, and as its live one if the page is
    live (the caller saves the page fields `latest_revision_id`, `live_revision_id`,
    `latest_revision_created_at`).

    Wagtail's edit view opens a page's latest revision: a page written in bulk without
    one would open with its previous content, and publishing that would undo the bulk
    write. The child relations a revision carries (tags) are read from the database, so
    write them first."""
    if not pages:
        return []
    created_at = created_at or timezone.now()
    base_type = ContentType.objects.get_for_model(Page)
    for start in range(0, len(pages), BATCH):
        load_child_rows(pages[start : start + BATCH])
    revisions = []
    for page in pages:
        revisions.append(
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=created_at,
                user=user,
                object_str=str(page)[:255],
                content=page.serializable_data(),
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = revision.pk
        if page.live:
            page.live_revision_id = revision.pk
        page.latest_revision_created_at = created_at
    return revisions


def load_child_rows(pages):
    """Give `pages` (saved, of one model) their child rows (tags, comments: what a
    revision carries), read with one query a relation for all of them and held by
    modelcluster in memory, as a form's rows would be. (Django's prefetch builds a
    queryset for every page and relation, which cost more than the revisions.)"""
    by_pk = {page.pk: page for page in pages}
    for relation in get_all_child_relations(type(pages[0])):
        child = relation.related_model
        key = relation.field.attname
        rows = {}
        for row in child._default_manager.filter(**{f"{key}__in": list(by_pk)}).order_by(
            *(child._meta.ordering or ["pk"])
        ):
            rows.setdefault(getattr(row, key), []).append(row)
        accessor = relation.get_accessor_name()
        for pk, page in by_pk.items():
            setattr(page, accessor, rows.get(pk, []))


@contextmanager
def collections_paused():
    """Python's cyclic garbage collector off while a bulk write runs. The write keeps
    every page it makes until the end, so each full collection walks all of them again
    for nothing: about a tenth of a ledger import's time. Reference counting still
    frees everything else; the collector is back on (and catches up) at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class TreeSlots:
    """Hands out treebeard paths for new children of one parent page."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_last_child()
        self.next_step = step_of(Page, last.path) + 1 if last else 1
        self.added = 0

    def take(self):
        path = child_path(Page, self.parent, self.next_step)
        self.next_step += 1
        self.added += 1
        return path

    def commit(self):
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
