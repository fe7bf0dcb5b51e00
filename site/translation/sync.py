"""Keeping the traditional (zh-hant) site in step with the simplified (zh-hans) one.

For one source object (a page or a translatable snippet):
1. refresh its wagtail-localize TranslationSource from the object as it is now;
2. make sure its related translatable objects (region, category, …) are synced first,
   since the translation points at their zh-hant twins;
3. fill every segment that has no zh-hant translation yet with OpenCC. A segment that
   already has one (an editor's override, or an earlier machine conversion of the same
   source text) is kept: overrides survive later syncs. A segment whose source text
   changed is a new segment and is converted afresh;
4. save the zh-hant object, published if the source is live.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.scripts import convert

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh-hans"
TARGET_LANGUAGE = "zh-hant"
TOOL_NAME = "OpenCC"


def target_locale():
    return Locale.objects.filter(language_code=TARGET_LANGUAGE).first()


def is_source(instance):
    return instance.locale.language_code == SOURCE_LANGUAGE


def fill_machine_translations(source, locale):
    """Convert the segments of `source` that have no translation into `locale` yet."""
    segments = list(source.stringsegment_set.select_related("string"))
    done = set(
        StringTranslation.objects.filter(
            locale=locale,
            translation_of_id__in={segment.string_id for segment in segments},
            context_id__in={segment.context_id for segment in segments},
        ).values_list("translation_of_id", "context_id")
    )
    missing = {
        (segment.string_id, segment.context_id): segment
        for segment in segments
        if (segment.string_id, segment.context_id) not in done
    }.values()
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=segment.string_id,
                locale=locale,
                context_id=segment.context_id,
                data=convert(
                    segment.string.data, source.locale.language_code, locale.language_code
                ),
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                tool_name=TOOL_NAME,
            )
            for segment in missing
        ],
        ignore_conflicts=True,
    )
    return len(missing)


def has_twin(instance, locale):
    return (
        type(instance)
        ._default_manager.filter(translation_key=instance.translation_key, locale=locale)
        .exists()
    )


@transaction.atomic
def sync_to_traditional(instance, _seen=None):
    """Create or refresh the zh-hant twin of `instance` (a zh-hans page or snippet)."""
    locale = target_locale()
    if locale is None or not is_source(instance):
        return None
    if isinstance(instance, Page):
        instance = instance.specific
    seen = _seen if _seen is not None else set()
    if instance.translation_key in seen:
        return None
    seen.add(instance.translation_key)

    source, _created = TranslationSource.update_or_create_from_instance(instance)
    for related in source.relatedobjectsegment_set.all():
        # A region or category keeps its own twin current when it is saved; here it only
        # needs one to exist. Pages follow their own publish.
        related_instance = related.object.get_instance(source.locale)
        if not isinstance(related_instance, Page) and not has_twin(related_instance, locale):
            sync_to_traditional(related_instance, seen)

    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    fill_machine_translations(source, locale)
    # Saved as a draft, then published here and now: wagtail-localize would publish a
    # page only after the commit, which leaves the twin behind within the transaction
    # (and in tests, which never commit).
    twin, _created = source.create_or_update_translation(
        locale, publish=not isinstance(instance, Page), copy_parent_pages=True, fallback=True
    )
    if isinstance(twin, Page) and getattr(instance, "live", False):
        twin.get_latest_revision().publish()
    return twin


def translatable_snippet_models():
    """The project's translatable models other than pages (regions, categories …): they
    have zh-hant twins, synced as they are saved."""
    from wagtail.models import TranslatableMixin

    from core.project import project_models

    return [
        model
        for model in project_models()
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]


def site_sources(only_missing=False):
    """Every zh-hans snippet and page; pages in tree order, so each comes after its parent
    (a snippet syncs what its twin points at first, see sync_to_traditional).
    `only_missing`: just those without a twin yet."""
    querysets = [
        model._default_manager.filter(locale__language_code=SOURCE_LANGUAGE).order_by("pk")
        for model in translatable_snippet_models()
    ]
    querysets.append(
        Page.objects.filter(locale__language_code=SOURCE_LANGUAGE, depth__gt=1).order_by("path")
    )
    locale = target_locale()
    if only_missing:
        querysets = [
            queryset.exclude(
                translation_key__in=queryset.model._default_manager.filter(locale=locale).values(
                    "translation_key"
                )
            )
            for queryset in querysets
        ]
    return querysets


def sync_site(only_missing=False, progress=None):
    """Sync every source (see site_sources); `progress(total)` returns a callable
    advanced once per object. Returns the number synced."""
    if target_locale() is None:
        return 0
    querysets = site_sources(only_missing)
    total = sum(queryset.count() for queryset in querysets)
    step = progress(total) if progress else (lambda: None)
    for queryset in querysets:
        for instance in queryset.iterator():
            sync_to_traditional(instance)
            step()
    return total


# Following the editors' changes (called by the publish pipeline, publishing/pipeline.py) --
_paused = ContextVar("traditional_sync_paused", default=False)


def enabled():
    """settings.SYNC_TRADITIONAL (on by default) and not paused by bulk work."""
    return getattr(settings, "SYNC_TRADITIONAL", True) and not _paused.get()


@contextmanager
def sync_paused():
    """Bulk work (the demo loader) pauses the sync and syncs once at the end (sync_site)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def follow_published(page):
    """A zh-hans page was published: its twin is refreshed and published in the same
    transaction. Twins themselves start nothing."""
    if enabled() and is_source(page):
        sync_to_traditional(page)


def follow_unpublished(page):
    """A withdrawn page (unpublished, or deleted: Wagtail unpublishes before deleting)
    must not stay visible in the other script."""
    if enabled() and is_source(page):
        for twin in (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .exclude(locale_id=page.locale_id)
        ):
            twin.specific.unpublish()


def follow_saved(instance, raw=False):
    """A zh-hans snippet (a region, a category) was saved: its twin follows at once.
    Records (funding, evaluations) are stored once and have no twin."""
    if enabled() and not raw and hasattr(instance, "locale_id") and is_source(instance):
        sync_to_traditional(instance)
