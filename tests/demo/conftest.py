import pytest


@pytest.fixture(scope="package")
def demo_site():
    """The demo site, open for every test of this package (named in tests/demo/__init__.py,
    built once for the test run by tests/shared_world.py)."""
