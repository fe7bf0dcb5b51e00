from django.db import transaction

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware activates a request's language in the thread and leaves it there:
    after a /zh-hant/ request, a later test would run in traditional script."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached values (navigation) must not leak between tests whose data is rolled back."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def traditional(settings):
    """Publishing in zh-hans syncs the zh-hant twin. This is the default (the test settings
    keep the sync on, as readers get it); the fixture names the dependence for tests that
    are about the traditional site."""
    settings.SYNC_TRADITIONAL = True


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site as `make run` builds it, zh-hant twins and search entries included,
    loaded once for the test package that asks for it and rolled back after it."""
    from demo.loader import DemoLoader

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            DemoLoader(log=lambda *args: None).run()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
