"""Cache for values derived from published content (navigation, home-page figures).

Every entry is stored under the current "content version"; the publish pipeline
(publishing/pipeline.py) bumps the version on every change of published content, so no
stale figure outlives the change that made it stale. Bulk writers that bypass signals
(the scale generator) call `bump()` themselves.

The cache must be one for every process serving the site (Redis, or the file cache of
the embedded default: config/settings/base.py), or a worker that did not publish would
keep its figures for up to `TIMEOUT`. A version that is missing (a new cache, an evicted
or culled key) starts from the clock, never from a number an earlier version of the
content may have used, so entries stored before the loss are never read again.
"""

import time

from django.core.cache import cache

VERSION_KEY = "content-version"
TIMEOUT = 3600


def fresh_version():
    return time.time_ns() // 1000


_bump_lost = False


def version():
    global _bump_lost
    if _bump_lost and getattr(cache, "available", True):
        _bump_lost = False
        bump()
    return cache.get_or_set(VERSION_KEY, fresh_version, None)


def bump():
    """A new content version. While Redis is down the bump cannot be stored
    (core.cache.ResilientRedisCache): this process bumps again when Redis answers, since
    a Redis that kept its data (a restart with persistence, a network cut) still holds
    the entries of the old version."""
    global _bump_lost
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, fresh_version(), None)
    _bump_lost = not getattr(cache, "available", True)


def cached(key, build, timeout=TIMEOUT):
    """The value under `key` for the current content, built by `build()` when missing."""
    current = version()
    value = cache.get(key, version=current)
    if value is None:
        value = build()
        cache.set(key, value, timeout, version=current)
    return value
