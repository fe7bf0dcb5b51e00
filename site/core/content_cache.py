"""Cache for values derived from published content (navigation, home-page figures).

Every entry is stored under the current "content version"; publishing, unpublishing,
moving or deleting a page, and saving or deleting a record, bumps the version, so no
stale figure outlives the change that made it stale. Bulk writers that bypass signals
(the scale generator) call `bump()` themselves.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "content-version"
TIMEOUT = 3600


def version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def cached(key, build, timeout=TIMEOUT):
    """The value under `key` for the current content, built by `build()` when missing."""
    current = version()
    value = cache.get(key, version=current)
    if value is None:
        value = build()
        cache.set(key, value, timeout, version=current)
    return value


RECORD_MODELS = {
    "disclosure.FundingRecord",
    "disclosure.EvaluationRecord",
    "taxonomy.Region",
    "taxonomy.Category",
}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    bump()


@receiver(post_delete)
@receiver(post_save)
def _row_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and kwargs.get("signal") is post_delete:
        bump()
    elif sender._meta.label in RECORD_MODELS:
        bump()
