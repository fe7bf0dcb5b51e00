"""Publishing a zh-hans page, or saving a zh-hans region or category, refreshes its
zh-hant twin in the same transaction; unpublishing (or deleting) it unpublishes the twin.
Twins never trigger anything (is_source).

`settings.SYNC_TRADITIONAL` (on by default) switches this off; the test settings do, since
a sync costs about 0.1 s a page, and the tests about the traditional site switch it on.
Bulk work (the demo loader) pauses it and syncs once at the end (sync.sync_site)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .sync import is_source, sync_to_traditional

_paused = ContextVar("traditional_sync_paused", default=False)


def enabled():
    return getattr(settings, "SYNC_TRADITIONAL", True) and not _paused.get()


@contextmanager
def sync_paused():
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@receiver(page_published)
def page_published_in_simplified(sender, instance, **kwargs):
    if enabled() and is_source(instance):
        sync_to_traditional(instance)


@receiver(page_unpublished)
def page_unpublished_in_simplified(sender, instance, **kwargs):
    """A withdrawn page (unpublished, or deleted: Wagtail unpublishes before deleting)
    must not stay visible in the other script."""
    if enabled() and is_source(instance):
        for twin in (
            Page.objects.live()
            .filter(translation_key=instance.translation_key)
            .exclude(locale_id=instance.locale_id)
        ):
            twin.specific.unpublish()


@receiver(post_save, sender="taxonomy.Region")
@receiver(post_save, sender="taxonomy.Category")
def reference_saved_in_simplified(sender, instance, raw=False, **kwargs):
    if enabled() and not raw and is_source(instance):
        sync_to_traditional(instance)
