"""Keeping a search store current as content changes: Elasticsearch's indices, or the
SearchEntry table on PostgreSQL. (Wagtail's own handlers keep modelsearch's index.)

A store has `update(document, pks)` (write the current state of those rows) and
`delete(document, pk, language_code)`. The receivers below decide what to rewrite:
- a page or record saved, published, unpublished or moved: its row (Wagtail's page
  signals are needed besides post_save: unpublishing and moving may save a plain Page);
- an organization: also its funding and evaluation records, which carry its name and
  region and show only while it is live;
- a renamed region or category: the organizations (and cases) that carry the name.
Stores that live outside the database (Elasticsearch) write after the commit, so a
rolled-back edit never reaches them; the SearchEntry store writes in the transaction.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .documents import DOCUMENTS, document_for_model

logger = logging.getLogger(__name__)

REGION_REINDEX_LIMIT = 5000  # beyond this, run `manage.py rebuild_search`

_stores = []


def _run(store, method, *args):
    def write():
        try:
            getattr(store, method)(*args)
        except store.errors:
            logger.exception("搜索索引更新失败，请运行 manage.py rebuild_search")

    if getattr(store, "after_commit", False):
        transaction.on_commit(write)
    else:
        write()


def _update(document, pks):
    for store in _stores:
        _run(store, "update", document, pks)


def _organization_changed(pks):
    from disclosure.models import EvaluationRecord, FundingRecord

    for kind, model in (("funding", FundingRecord), ("evaluations", EvaluationRecord)):
        records = list(model.objects.filter(organization__in=pks).values_list("pk", flat=True))
        if records:
            _update(DOCUMENTS[kind], records)


def row_changed(sender, instance, **kwargs):
    document = document_for_model(sender)
    if document is None:
        return
    _update(document, [instance.pk])
    if document.kind == "orgs":
        _organization_changed([instance.pk])


def row_deleted(sender, instance, **kwargs):
    document = document_for_model(sender)
    if document is None:
        return
    # Read now: after the delete the row (and a page's locale link) is gone.
    language_code = document.locale_of(instance).language_code
    for store in _stores:
        _run(store, "delete", document, instance.pk, language_code)


def names_changed(sender, instance, created, **kwargs):
    if created:
        return
    from cases.models import CasePage
    from orgs.models import OrganizationPage

    if sender._meta.model_name == "region":
        organizations = OrganizationPage.objects.filter(region__in=instance.descendant_ids())
        cases = list(
            CasePage.objects.filter(region__in=instance.descendant_ids()).values_list(
                "pk", flat=True
            )[:REGION_REINDEX_LIMIT]
        )
        if cases:
            _update(DOCUMENTS["cases"], cases)
    else:
        organizations = OrganizationPage.objects.filter(category=instance)
    pks = list(organizations.values_list("pk", flat=True)[:REGION_REINDEX_LIMIT])
    if pks:
        _update(DOCUMENTS["orgs"], pks)
        _organization_changed(pks)


def _receivers():
    from taxonomy.models import Category, Region

    for signal in (page_published, page_unpublished, post_page_move):
        yield signal, row_changed, None  # any page type; row_changed picks ours
    for document in DOCUMENTS.values():
        yield post_save, row_changed, document.model()
        yield post_delete, row_deleted, document.model()
    for model in (Region, Category):
        yield post_save, names_changed, model


def _uid(receiver, sender):
    return f"search.sync.{receiver.__name__}.{sender._meta.label if sender else '*'}"


def connect(store):
    """Keep `store` current from now on (called once at start-up, from SearchConfig)."""
    if store not in _stores:
        _stores.append(store)
    for signal, receiver, sender in _receivers():
        signal.connect(receiver, sender=sender, dispatch_uid=_uid(receiver, sender))


def disconnect(store):
    if store in _stores:
        _stores.remove(store)
    if not _stores:
        for signal, receiver, sender in _receivers():
            signal.disconnect(receiver, sender=sender, dispatch_uid=_uid(receiver, sender))
