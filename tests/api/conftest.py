import pytest

from tests.shared_world import shared_world


@pytest.fixture
def world(db):
    """The small known world of the page tests (tests/orgs/world.py), built once for the
    test run (tests/shared_world.py; this package names it in its __init__): the API only
    reads, and each test runs in a savepoint of the world's transaction."""
    return shared_world("world")


@pytest.fixture
def api(world, db, client):
    """GET on the API: the JSON body of a path under /api/v1/ (the status checked)."""

    def get(path, status=200, **headers):
        response = client.get(f"/api/v1/{path}", headers=headers)
        assert response.status_code == status, (response.status_code, response.content[:500])
        return response.json()

    get.client = client
    return get
