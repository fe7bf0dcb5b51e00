import pytest


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, once for the package, rolled back after it."""
    from tests.utils import demo_site_loaded

    with demo_site_loaded(django_db_blocker):
        yield
