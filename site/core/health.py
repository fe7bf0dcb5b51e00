"""/healthz: the services the site depends on, as JSON, for a load balancer.

200 while the database answers, 503 when it does not: without it no page can be served,
so the balancer should send readers elsewhere. A cache or search service that does not
answer is reported ("degraded") with a 200: the site degrades without them (pages are
built uncached, the search answers from the database: docs/operations.md), and taking
every application server out of the pool because Redis is down would turn a slower site
into no site.

Checks other than the database's and the cache's are registered by the apps that own
the service (`register`, from their AppConfig.ready(): the search app registers its
engine's), since core imports no other app.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN = "ok", "degraded", "down"

_checks = {}


def register(name, check):
    """`check()` returns (status, detail): OK, or DEGRADED with what is wrong."""
    _checks[name] = check


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return DOWN, str(error).strip()
    return OK, connection.vendor


def shared_cache():
    backend = type(cache).__name__
    ping = getattr(cache, "ping", None)  # core.cache.ResilientRedisCache
    if ping is not None:
        return (OK, backend) if ping() else (DEGRADED, f"{backend}: no answer")
    try:
        cache.set("healthz", 1, 10)
        answered = cache.get("healthz") == 1
    except Exception as error:  # any backend, any failure: it is a report
        return DEGRADED, f"{backend}: {error}"
    return (OK, backend) if answered else (DEGRADED, f"{backend}: no answer")


def run_checks():
    checks = {"database": database(), "cache": shared_cache()}
    for name, check in _checks.items():
        try:
            checks[name] = check()
        except Exception as error:  # a broken check reports; it never breaks /healthz
            logger.exception("健康检查 %s 出错", name)
            checks[name] = (DEGRADED, str(error))
    return checks


@never_cache
def healthz(request):
    checks = run_checks()
    statuses = {status for status, _detail in checks.values()}
    if checks["database"][0] != OK:
        overall = DOWN
    elif statuses == {OK}:
        overall = OK
    else:
        overall = DEGRADED
    return JsonResponse(
        {
            "status": overall,
            "checks": {
                name: {"status": status, "detail": detail}
                for name, (status, detail) in checks.items()
            },
        },
        status=503 if overall == DOWN else 200,
    )
