import pytest

from tests.shared_world import shared_world


@pytest.fixture
def world(db):
    """The small known world of the page tests (tests/orgs/world.py), built once for the
    test run (tests/shared_world.py; this package names it in its __init__): the fuzzed
    requests only read, and each test runs in a savepoint of the world's transaction."""
    return shared_world("world")
