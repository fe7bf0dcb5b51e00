"""Rate limits per client on the shared cache (Redis in production, where every worker
process counts together; local memory in development).

A limit is `<number>/<second|minute|hour|day>`, counted in fixed windows: the window of an
hour starts on the hour, and a client refused at 10:50 may act again at 11:00 (so at most
twice the number can pass around a window's edge, which is enough against spam and needs
one atomic increment, no read-modify-write). What is counted is hashed with the site's
secret key, so the cache holds no client address.
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class RateLimit:
    scope: str  # names the limit in the cache key
    count: int
    seconds: int

    @classmethod
    def parse(cls, scope, rate):
        """RateLimit(scope, 5, 3600) from "5/hour"."""
        number, _, period = rate.partition("/")
        return cls(scope, int(number), PERIODS[period.strip()])

    def _window(self, parts, now):
        ident = salted_hmac(f"rate-limit:{self.scope}", "\x1f".join(parts)).hexdigest()[:32]
        window = int(now // self.seconds)
        left = math.ceil((window + 1) * self.seconds - now)
        return f"rate:{self.scope}:{ident}:{window}", max(1, left)

    def retry_after(self, *parts):
        """0 when the client identified by `parts` may act now, else the seconds to wait."""
        key, left = self._window(parts, time.time())
        if (cache.get(key) or 0) < self.count:
            return 0
        return left

    def record(self, *parts):
        """Count one action of the client identified by `parts`."""
        key, left = self._window(parts, time.time())
        timeout = left + 1
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout)
