"""The publish pipeline: what happens, in order, when content changes.

| event | 1. zh-hant twin | 2. content effects | 3. search | 4. content cache |
|---|---|---|---|---|
| page published | refreshed and published | the apps' effects of the page (a notice's on its organizations' status) | entries of the page and its twin, what carries their text, and what step 2 changed | bumped once |
| page unpublished | unpublished | the apps' effects (a notice's withdrawn) | the same (entries say not live) | bumped once |
| page moved | — | — | entries of the page | bumped once |
| page deleted | (unpublished first, by Wagtail) | — | entries removed | bumped once |
| record, region or category saved (a record: published, unpublished or its live row written; not a new draft or a draft revision) | the snippet's twin follows | — | its entries and what carries its text | bumped once |
| record, region or category deleted | — | — | its entries removed | bumped once |
| pages written in bulk (ledger import) | made or refreshed in bulk | — | entries of the pages, their twins and what carries their text, in batches | bumped once |
| (no event) the calendar moved statuses on | — | — | entries of what changed (`refresh`) | bumped once |

Corrections (publishing.corrections, docs/corrections.md) are step 2b of "page published"
and "record saved": before a tracked object is written (pre_save) the pipeline reads what
readers see; after the write is published and step 2 has run, it writes a Correction for
each tracked field that changed, with the editor's reason.

One receiver per event calls the effects below; nothing else in the project listens to
these signals. A change is one unit: the twin's own publish (a nested event, sent by
Wagtail while step 1 runs) joins the change that caused it, so each effect runs once per
page it touches and the cache is bumped once. A new side effect (the page cache, a
front-end purge) is added here and to the table in docs/architecture.md.

Step 2 is where content apps hook in: an app registers what an event means for its
content (`register_effect(PUBLISHED, NoticePage, function)`, from its AppConfig.ready(),
as it registers its search kinds), and this module names no content app. An effect runs
once for each page of its model that the change touched, twins included (the effect
decides what a twin means to it), after the twins are current; it returns the objects it
changed besides the page, whose search entries step 3 refreshes with the others.

Which models count as records: the non-page models the search registry knows (funding,
evaluations) and the translatable snippets (regions, categories); no content app is
named here.
"""

import logging
from contextvars import ContextVar
from functools import cache

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import content_cache
from search import registry
from search import sync as search
from translation import bulk as translation_bulk
from translation import sync as translation

from . import corrections

logger = logging.getLogger(__name__)

PUBLISHED, UNPUBLISHED, MOVED, DELETED, SAVED = (
    "published",
    "unpublished",
    "moved",
    "deleted",
    "saved",
)

_change = ContextVar("publishing_change", default=None)
_effects = {}  # event -> [(model, function)]: the content apps' effects (step 2)


def register_effect(event, model, function):
    """Step 2: `function(instance)` runs when `event` (PUBLISHED or UNPUBLISHED) happens to
    an instance of `model`; it returns the other objects it changed (or nothing)."""
    if event not in (PUBLISHED, UNPUBLISHED):
        raise ValueError(f"content effects are for pages published or unpublished, not {event}")
    effects = _effects.setdefault(event, [])
    if (model, function) not in effects:
        effects.append((model, function))


def content_effects(event, instance):
    """What the apps registered for `event` on `instance`, run; the objects they changed."""
    functions = [f for model, f in _effects.get(event, ()) if isinstance(instance, model)]
    changed = []
    if functions:
        _effect("effects", event, instance, lambda: None)  # logged once per page
    for function in functions:
        changed.extend(function(instance) or ())
    return changed


def _effect(name, event, instance, run, *args):
    logger.debug("%s %s: %s %s", event, name, type(instance).__name__, instance.pk)
    run(*args)


def handle(event, instance, raw=False):
    """Run the effects of `event` on `instance` (a specific page, a record or a snippet)."""
    change = _change.get()
    if change is not None:
        change.append((event, instance))  # a twin published or withdrawn by step 1
        return
    change = [(event, instance)]
    token = _change.set(change)
    try:
        # 1. The zh-hant twin (its own publish joins this change).
        if event == PUBLISHED:
            _effect("twin", event, instance, translation.follow_published, instance)
        elif event == UNPUBLISHED:
            _effect("twin", event, instance, translation.follow_unpublished, instance)
        elif event == SAVED:
            _effect("twin", event, instance, translation.follow_saved, instance, raw)
    finally:
        _change.reset(token)
    # 2. What the change means to the content apps (a notice's organizations' status).
    effected = []
    for touched_event, touched in list(change):
        effected.extend(content_effects(touched_event, touched))
    # 2b. Corrections: what readers saw of a tracked field, and what they see now.
    for touched_event, touched in change:
        if touched_event in (PUBLISHED, SAVED):
            corrections.record(touched)  # logs nothing: it runs for every page and record
    # 3. The search entries of everything the change touched, and what step 2 changed.
    for touched_event, touched in change:
        if touched_event == DELETED:
            _effect("search", touched_event, touched, search.deleted, touched)
        else:
            _effect("search", touched_event, touched, search.changed, touched)
    seen = {(type(touched), touched.pk) for _event, touched in change}
    for touched in effected:
        if (type(touched), touched.pk) not in seen:
            seen.add((type(touched), touched.pk))
            _effect("search", "effect", touched, search.changed, touched)
    # 4. The content cache (navigation, home figures, counts), once.
    _effect("cache", event, instance, content_cache.bump)


def pages_written_in_bulk(model, pages, carried=True):
    """The same effects for zh-hans `pages` of `model` written in bulk (core.bulk_pages:
    no signal is sent), published: 1. their twins made or refreshed in bulk
    (translation.bulk), 2. the search entries of the pages, of their twins and (with
    `carried`) of what carries their text, in batches, 3. the content cache bumped once.
    Called by the ledger import in its transaction."""
    if not pages:
        return
    logger.debug("bulk %s: %s %s", PUBLISHED, model.__name__, len(pages))
    twins = translation_bulk.follow_written_in_bulk(model, pages)
    search.changed_in_bulk(model, [page.pk for page in pages], carried=carried)
    search.changed_in_bulk(model, twins, carried=carried)
    content_cache.bump()


# Receivers: one per event ---------------------------------------------------------
def _page_published(sender, instance, **kwargs):
    handle(PUBLISHED, instance.specific)


def _page_unpublished(sender, instance, **kwargs):
    handle(UNPUBLISHED, instance.specific)


def _page_moved(sender, instance, **kwargs):
    handle(MOVED, instance.specific)


def _page_deleted(sender, instance, **kwargs):
    # Sent for the Page row (Wagtail's own handlers listen there too); the specific row
    # is gone: the instance keeps its pk and content type, which is all search needs.
    handle(DELETED, _as_specific_class(instance))


def _before_write(sender, instance, raw=False, update_fields=None, **kwargs):
    # What readers see of a tracked object before it is written (step 2b compares).
    if not raw:
        corrections.remember_live_values(instance, update_fields)


def _record_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if not _changes_what_readers_see(instance, created, update_fields):
        return
    handle(SAVED, instance, raw=raw)


def _changes_what_readers_see(instance, created, update_fields):
    """A record under review (DraftStateMixin) is public as its row says: Wagtail's publish
    and unpublish each write the whole row (then send `published`/`unpublished`), so the
    row's saves follow both, once each. Two kinds of save change nothing a reader sees: a
    new draft (created not live), and Wagtail's bookkeeping of revisions, locks and
    workflow (`update_fields` within the draft-state fields: a draft change to a live
    record waits in its revision)."""
    if not isinstance(instance, DraftStateMixin):
        return True
    if created and not instance.live:
        return False
    return update_fields is None or not set(update_fields) <= _bookkeeping_fields()


@cache
def _bookkeeping_fields():
    """The names of the fields Wagtail's draft-state, locking and revision mixins add,
    besides `live` (which decides what readers see)."""
    fields = set()
    for mixin in (DraftStateMixin, LockableMixin, RevisionMixin):
        fields.update(field.name for field in mixin._meta.get_fields())
        fields.update(field.attname for field in mixin._meta.get_fields() if field.concrete)
    return fields - {"live"}


def _record_deleted(sender, instance, **kwargs):
    handle(DELETED, instance)


def _as_specific_class(page):
    specific = page.specific_class
    if specific is None or isinstance(page, specific):
        return page
    shell = specific(pk=page.pk)  # an unsaved stand-in of the deleted page's class
    shell.locale_id = page.locale_id
    return shell


def record_models():
    """The models whose saves and deletes are events: non-page search kinds and
    translatable snippets."""
    models = {kind.model for kind in registry.kinds().values() if not issubclass(kind.model, Page)}
    models.update(translation.translatable_snippet_models())
    return sorted(models, key=lambda model: model._meta.label)


def _receivers():
    yield page_published, _page_published, None
    yield page_unpublished, _page_unpublished, None
    yield post_page_move, _page_moved, None
    yield post_delete, _page_deleted, Page
    for model in record_models():
        yield post_save, _record_saved, model
        yield post_delete, _record_deleted, model
    for model in corrections.tracked_models():
        yield pre_save, _before_write, model


def _uid(receiver, sender):
    return f"publishing.{receiver.__name__}.{sender._meta.label if sender else '*'}"


def connect():
    for signal, receiver, sender in _receivers():
        signal.connect(receiver, sender=sender, dispatch_uid=_uid(receiver, sender))


def disconnect():
    for signal, receiver, sender in _receivers():
        signal.disconnect(receiver, sender=sender, dispatch_uid=_uid(receiver, sender))


def refresh(objects):
    """Objects that changed without an event (the calendar moved an organization's status
    on, `advance_lifecycle`): steps 3 and 4 for them."""
    objects = list(objects)
    for obj in objects:
        _effect("search", "refresh", obj, search.changed, obj)
    if objects:
        _effect("cache", "refresh", objects[0], content_cache.bump)
