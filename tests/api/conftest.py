from django.db import transaction

import pytest


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """The small known world of the page tests (tests/orgs/world.py), built once for the
    package inside a transaction rolled back after it: the API only reads, and each test
    runs in a savepoint of that transaction (pytest-django's `db`), on SQLite and
    PostgreSQL alike."""
    from tests.orgs.world import build_world

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def api(world, db, client):
    """GET on the API: the JSON body of a path under /api/v1/ (the status checked)."""

    def get(path, status=200, **headers):
        response = client.get(f"/api/v1/{path}", headers=headers)
        assert response.status_code == status, (response.status_code, response.content[:500])
        return response.json()

    get.client = client
    return get
