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
