"""A stopped Redis: every public page and the API still answer, built without the cache,
and the rate limits let requests through (fail open). A real redis-server of the test's
own, stopped in the middle of the test; nothing is mocked."""

import logging

import pytest

from tests.orgs.world import build_world, twin
from tests.services import redis_server
from tests.utils import directory_count

pytestmark = pytest.mark.django_db

API_LIMIT = 3


@pytest.fixture
def redis(settings):
    with redis_server() as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": f"{API_LIMIT}/minute"},
        }
        settings.OBJECTION_RATE_LIMIT = "1/hour"
        yield server


def public_urls(world):
    case = world["cases"]["knock-and-patrol"]
    orgs, notices = world["orgs"], world["notices"]
    pages = [
        world["sections"]["home"],
        world["sections"]["orgs"],
        orgs["qibao"],
        orgs["hub"],
        world["sections"]["notices"],
        notices["change"],
        world["sections"]["disclosure"],
        world["sections"]["cases"],
        case,
        world["sections"]["policies"],
    ]
    urls = [page.url for page in pages] + [twin(page).url for page in pages]
    disclosure = world["sections"]["disclosure"].url
    return urls + [
        "/zh-hans/orgs/?district=420106&sort=star",
        disclosure + "funding/",
        disclosure + "evaluations/",
        world["sections"]["notices"].url + "feed/rss/",
        "/zh-hans/search/?q=巡逻",
        "/zh-hant/search/?q=巡邏",
        "/zh-hans/data/",
        "/sitemap.xml",
        "/api/v1/",
        "/api/v1/organizations/",
        "/api/v1/funding/?year=2025",
        "/api/v1/search/?q=巡逻",
        "/api/search/?q=巡逻",
        "/api/search/suggest/?q=七宝",
    ]


def statuses(client, urls, network):
    """{url: status}, each url asked from its own address (the API's limit is low)."""
    return {
        url: client.get(url, REMOTE_ADDR=f"{network}.{number}").status_code
        for number, url in enumerate(urls, start=1)
    }


def test_pages_and_api_answer_when_redis_stops(redis, client, caplog):
    import redis as redis_client

    world = build_world()
    urls = public_urls(world)
    # Up: everything answers, through the cache (the content version and figures are in
    # Redis), and the API's limit counts.
    assert statuses(client, urls, "198.51.100") == dict.fromkeys(urls, 200)
    keys = redis_client.Redis.from_url(redis.url).keys("*")
    assert any(b"content-version" in key for key in keys)
    for _ in range(API_LIMIT):
        assert client.get("/api/v1/categories/", REMOTE_ADDR="192.0.2.2").status_code == 200
    assert client.get("/api/v1/categories/", REMOTE_ADDR="192.0.2.2").status_code == 429

    redis.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert statuses(client, urls, "203.0.113") == dict.fromkeys(urls, 200)
    assert any("Redis 不可用" in record.getMessage() for record in caplog.records)
    # Down, the limits let requests through: the API's …
    for _ in range(API_LIMIT + 2):
        assert client.get("/api/v1/categories/", REMOTE_ADDR="192.0.2.4").status_code == 200
    # … and the objection form's (one an hour here): both objections are accepted.
    from disclosure.models import Objection
    from tests.disclosure.objection_helpers import objection_data

    notice = world["notices"]["change"]  # open for objections
    for _ in range(2):
        response = client.post(notice.url, objection_data(), REMOTE_ADDR="192.0.2.5")
        assert response.status_code in (200, 302)
    assert Objection.objects.count() == 2


def test_the_directory_count_is_right_while_redis_is_down(redis, client):
    """Pages built without the cache read the database: an unpublish shows at once."""
    world = build_world()
    index = world["sections"]["orgs"].url
    before = directory_count(client.get(index).content.decode())
    redis.stop()
    assert directory_count(client.get(index).content.decode()) == before
    world["orgs"]["qiaomen"].unpublish()
    assert directory_count(client.get(index).content.decode()) == before - 1


def test_a_publish_while_redis_is_down_shows_when_it_is_back(settings, client, tmp_path):
    """Redis restarted with its data (persistence): the figures cached before the outage
    are still there, under the content version of before the unpublish, which could not
    be bumped while Redis was down. The process that published bumps again."""
    world = build_world()
    index = world["sections"]["orgs"].url
    with redis_server(directory=tmp_path) as server:
        settings.CACHES = {
            "default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": server.url}
        }
        before = directory_count(client.get(index).content.decode())  # cached in Redis
        server.stop()  # saves its data
        world["orgs"]["qiaomen"].unpublish()
        assert directory_count(client.get(index).content.decode()) == before - 1
        server.start()  # with the count of before the unpublish, and its version
        settings.CACHES = {**settings.CACHES}  # a new backend: it asks Redis at once
        assert directory_count(client.get(index).content.decode()) == before - 1
