"""Elasticsearch configured but down (a port where nothing listens, a real failed
connection): the search page, its JSON and the autocomplete answer from the database's
own engine, telling the reader; the database's entries follow publishing meanwhile;
/healthz reports the search degraded with a 200."""

import logging

import pytest

from tests.services import free_port
from tests.shared_world import shared_world

# The small world, built once for the test run (tests/shared_world.py), not the package's
# demo site.
world_kind = "world"

pytestmark = pytest.mark.django_db

NOTICE = "搜索服务暂时没有响应"


@pytest.fixture
def world():
    return shared_world("world")


@pytest.fixture
def node_down(settings):
    settings.SEARCH_ENGINE = settings.SEARCH_ENGINES["elasticsearch"]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"


def test_the_search_page_falls_back_to_the_database(world, node_down, client, caplog):
    with caplog.at_level(logging.WARNING, logger="search.views"):
        response = client.get("/zh-hans/search/", {"q": "巡逻"})
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    assert 'href="/zh-hans/orgs/qibao/"' in html
    assert any("改用数据库搜索" in record.getMessage() for record in caplog.records)
    traditional = client.get("/zh-hant/search/", {"q": "巡邏"}).content.decode()
    assert "搜索服務暫時沒有響應" in traditional and 'href="/zh-hant/orgs/qibao/"' in traditional


def test_the_json_and_the_autocomplete_fall_back(world, node_down, client):
    for url in ("/api/search/", "/api/v1/search/"):
        data = client.get(url, {"q": "巡逻"}).json()
        assert any(NOTICE in message for message in data["messages"]), url
        assert any(hit["title"] == "东亭社区七宝巡逻队" for hit in data["results"]), url
    names = client.get("/api/search/suggest/", {"q": "东亭"}).json()["results"]
    assert "东亭社区七宝巡逻队" in [name["title"] for name in names]


def test_no_notice_when_the_engine_answers(world, client):
    html = client.get("/zh-hans/search/", {"q": "巡逻"}).content.decode()
    assert NOTICE not in html and 'href="/zh-hans/orgs/qibao/"' in html


def test_the_database_entries_follow_publishing_while_elasticsearch_is_in_use(
    world, node_down, client, django_capture_on_commit_callbacks
):
    qibao = world["orgs"]["qibao"]
    qibao.title = "东亭社区七宝红袖章巡逻队"
    with django_capture_on_commit_callbacks(execute=True):
        qibao.save_revision().publish()
    html = client.get("/zh-hans/search/", {"q": "红袖章"}).content.decode()
    assert NOTICE in html and 'href="/zh-hans/orgs/qibao/"' in html


def test_healthz_reports_the_search_degraded_with_a_200(world, node_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["search"]["status"] == "degraded"
