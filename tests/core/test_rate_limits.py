"""core.rate_limits on the configured cache, and core.client's address."""

from django.test import RequestFactory

from core.client import client_address
from core.rate_limits import RateLimit


def test_a_limit_refuses_past_its_count_until_the_window_ends():
    limit = RateLimit.parse("test", "2/hour")
    assert (limit.count, limit.seconds) == (2, 3600)
    for _ in range(2):
        assert limit.retry_after("192.0.2.1") == 0
        limit.record("192.0.2.1")
    wait = limit.retry_after("192.0.2.1")
    assert 1 <= wait <= 3600
    # Another client, or the same client in another scope, is not affected.
    assert limit.retry_after("192.0.2.2") == 0
    assert RateLimit.parse("other", "2/hour").retry_after("192.0.2.1") == 0


def test_client_address_counts_only_what_the_proxies_added(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1"
    )
    settings.NUM_PROXIES = 0
    assert client_address(request) == "10.0.0.1"
    settings.NUM_PROXIES = 1
    assert client_address(request) == "198.51.100.1"
    settings.NUM_PROXIES = 2
    assert client_address(request) == "1.2.3.4"
    settings.NUM_PROXIES = 5  # more proxies than entries: the first entry
    assert client_address(request) == "1.2.3.4"
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
