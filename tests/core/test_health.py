"""/healthz for a load balancer: 200 while the database answers (a cache that does not
answer is reported, degraded), JSON with each service's status. The database's 503 is
in test_database_down.py, the search's line in tests/search/test_fallback.py."""

import pytest

from tests.services import free_port, redis_server

pytestmark = pytest.mark.django_db


def redis_cache(settings, url):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_everything_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "search": "ok",
    }


def test_redis_up_then_down(client, settings):
    with redis_server() as server:
        redis_cache(settings, server.url)
        assert client.get("/healthz").json()["checks"]["cache"]["status"] == "ok"
        server.stop()
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"


def test_redis_never_reached(client, settings):
    redis_cache(settings, f"redis://127.0.0.1:{free_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "degraded"
