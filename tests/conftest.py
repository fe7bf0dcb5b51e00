import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached values (navigation) must not leak between tests whose data is rolled back."""
    from django.core.cache import cache

    cache.clear()
