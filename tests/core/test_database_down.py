"""A database that does not answer: readers get a friendly Chinese 503 with Retry-After
(JSON under /api/), never a 500 with a traceback; /healthz says 503. The connection is a
real PostgreSQL connection to a port where nothing listens (on either test database)."""

import logging
from contextlib import contextmanager

from django.db import connections

import pytest

from tests.services import free_port


@contextmanager
def unreachable_database(django_db_blocker):
    """The default connection replaced, in this thread, by one to PostgreSQL on a port
    where nothing listens; the real one is put back afterwards."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    settings_dict = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shequ_unreachable",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
        "OPTIONS": {"connect_timeout": 2},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
    }
    real = connections["default"]
    connections["default"] = DatabaseWrapper(settings_dict, alias="default")
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        connections["default"].close()
        connections["default"] = real


PAGES = ["/zh-hans/", "/zh-hant/orgs/", "/zh-hans/notices/some-notice/", "/zh-hans/search/?q=巡逻"]
API = ["/api/v1/organizations/", "/api/v1/search/?q=巡逻", "/api/search/?q=巡逻"]


def test_pages_answer_a_friendly_503_when_the_database_is_down(client, django_db_blocker, caplog):
    with caplog.at_level(logging.ERROR), unreachable_database(django_db_blocker):
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            html = response.content.decode()
            assert "网站暂时无法读取数据" in html or "網站暫時無法讀取數據" in html, url
            assert "Traceback" not in html
        assert "網站暫時無法讀取數據" in client.get("/zh-hant/").content.decode()
    assert any("数据库不可用" in record.getMessage() for record in caplog.records)


def test_the_api_answers_a_json_503(client, django_db_blocker):
    with unreachable_database(django_db_blocker):
        for url in API:
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            error = response.json()["error"]
            assert error["status"] == 503
            assert error["message"] == "网站暂时无法读取数据，请稍等一分钟后再试。"
            assert error["message_en"].startswith("The site’s database is not answering")


def test_healthz_is_503_when_the_database_is_down(client, django_db_blocker):
    with unreachable_database(django_db_blocker):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"


@pytest.mark.django_db
def test_the_pages_answer_again_when_the_database_is_back(client, django_db_blocker):
    from tests.utils import site_sections

    site_sections()
    with unreachable_database(django_db_blocker):
        assert client.get("/zh-hans/").status_code == 503
    assert client.get("/zh-hans/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_the_error_handler_answers_503_where_the_middleware_does_not_see_it(
    client, django_db_blocker, settings
):
    """A database error Django turns into a 500 itself (without the middleware here, as
    for a query in another middleware): handler500 answers the same 503."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("DatabaseUnavailableMiddleware")
    ]
    client.raise_request_exception = False
    with unreachable_database(django_db_blocker):
        response = client.get("/zh-hans/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "网站暂时无法读取数据" in response.content.decode()
