"""The Redis cache, degrading instead of failing (settings: REDIS_URL).

Django's RedisCache raises when Redis cannot be reached, and every cached value of the
site (navigation, figures, counts) and both rate limits go through the cache: a stopped
Redis made every public page and the API a 500. This backend answers as an empty cache
instead: a read finds nothing (the page is built from the database), a write is dropped,
`add` says it added nothing. The rate limits then count nothing and let requests through
(fail open: docs/operations.md).

After a failure the backend does not ask Redis again for `RETRY_AFTER` seconds in this
process, so a node that stopped answering (a timeout, not a refused connection) costs a
page one timeout, not one per cached value. One warning is logged when Redis is lost and
one line when it answers again.

Why not django-redis with IGNORE_EXCEPTIONS: it would add a dependency and a second
Redis client beside Django's own backend for what these few lines do, and it retries
Redis on every call while it is down.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds without asking Redis after a failure


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _call(self, operation, default, *args, **kwargs):
        if self._down_until and time.monotonic() < self._down_until:
            return default
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except RedisError as error:
            if not self._down_until:
                logger.warning("缓存 Redis 不可用，页面不经缓存生成，频率限制暂停：%s", error)
            self._down_until = time.monotonic() + RETRY_AFTER
            return default
        if self._down_until:
            logger.warning("缓存 Redis 已恢复")
            self._down_until = 0.0
        return result

    @property
    def available(self):
        """False while Redis is taken for down (for /healthz)."""
        return not (self._down_until and time.monotonic() < self._down_until)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # A missing key raises ValueError, as in every backend (callers handle it); an
        # unreachable Redis gives `delta`, as if the key had been missing and set.
        return self._call("incr", delta, key, delta, version)

    def clear(self):
        return self._call("clear", False)

    def ping(self):
        """True when Redis answers now (for /healthz): asks it even while taken for down."""
        try:
            return bool(self._cache.get_client(write=False).ping())
        except RedisError:
            return False
