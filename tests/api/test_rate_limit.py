"""The anonymous rate limit: per address, on the shared cache, 429 with Retry-After and
the API's error in both languages."""

import socket
import uuid

import pytest

LIMIT = 3


@pytest.fixture
def low_rate(settings):
    """Three requests a minute. The throttle reads the rate at each request
    (api.throttling), and DRF reloads its settings when they change."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": f"{LIMIT}/minute"},
    }


def get(client, address="192.0.2.1", **headers):
    return client.get("/api/v1/categories/", REMOTE_ADDR=address, headers=headers)


def test_the_limit_answers_429_with_retry_after_in_both_languages(low_rate, world, db, client):
    for _ in range(LIMIT):
        assert get(client).status_code == 200
    response = get(client)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    error = response.json()["error"]
    assert error["status"] == 429
    assert error["message"] == f"请求过于频繁，请 {wait} 秒后再试。"
    assert error["message_en"] == f"Too many requests: try again in {wait} seconds."
    assert error["fields"] == {}
    # Every endpoint counts, the search and the schema too.
    assert client.get("/api/v1/search/?q=x", REMOTE_ADDR="192.0.2.1").status_code == 429


def test_the_limit_is_per_address_and_a_forged_forwarded_for_does_not_escape_it(
    low_rate, world, db, client
):
    for _ in range(LIMIT):
        assert get(client).status_code == 200
    assert get(client, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert get(client, **{"X-Forwarded-For": "203.0.113.10"}).status_code == 429
    assert get(client, address="192.0.2.2").status_code == 200


def test_behind_a_proxy_the_address_it_forwarded_counts(low_rate, settings, world, db, client):
    settings.NUM_PROXIES = 1
    for _ in range(LIMIT):
        assert get(client, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert get(client, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # A client's own X-Forwarded-For comes first; the proxy appends the real address.
    assert get(client, **{"X-Forwarded-For": "1.2.3.4, 198.51.100.1"}).status_code == 429
    assert get(client, **{"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_the_count_lives_in_redis(low_rate, settings, world, db, client):
    """With REDIS_URL (production) the count is in Redis, shared by every worker process:
    a second connection to Redis sees the requests this process made."""
    from django.core.cache.backends.redis import RedisCache

    prefix = f"test-api-{uuid.uuid4().hex}"
    location = "redis://127.0.0.1:6379/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    other_worker = RedisCache(location, {"KEY_PREFIX": prefix})
    key = "throttle_anon_192.0.2.7"
    try:
        for count in range(1, LIMIT + 1):
            assert get(client, address="192.0.2.7").status_code == 200
            assert len(other_worker.get(key)) == count
        assert get(client, address="192.0.2.7").status_code == 429
        # Another worker's request from the same address is refused as well.
        other_worker.delete(key)
        assert get(client, address="192.0.2.7").status_code == 200
    finally:
        other_worker.delete(key)
