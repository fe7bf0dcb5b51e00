from django.db import transaction

import pytest


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """The small known world of the page tests (tests/orgs/world.py), built once for the
    package inside a transaction rolled back after it (as tests/api does): the fuzzed
    requests only read, and each test runs in a savepoint of that transaction."""
    from tests.orgs.world import build_world

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
