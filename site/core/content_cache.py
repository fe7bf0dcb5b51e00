"""Cache for values derived from published content (navigation, home-page figures).

Every entry is stored under the current "content version"; the publish pipeline
(publishing/pipeline.py) bumps the version on every change of published content, so no
stale figure outlives the change that made it stale. Bulk writers that bypass signals
(the scale generator) call `bump()` themselves.
"""

from django.core.cache import cache

VERSION_KEY = "content-version"
TIMEOUT = 3600


def version():
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump():
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
