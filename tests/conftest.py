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


# The shared worlds (tests/shared_world.py): their classes first, "world" before "scoped",
# after pytest-django has put the TestCase classes before the transactional tests.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    from tests.shared_world import ORDER, kind_of

    def rank(item):
        return ORDER.get(kind_of(item), len(ORDER))

    items.sort(key=rank)


@pytest.fixture(scope="session")
def _shared_world_session(django_db_setup, django_db_blocker):
    """Rolls the open world layers back before the test database is destroyed."""
    yield
    from tests.shared_world import reconcile

    with django_db_blocker.unblock():
        reconcile(None)


def _open(request, kind):
    from tests.shared_world import is_open, reconcile

    if kind is None and not is_open():
        return
    blocker = request.getfixturevalue("django_db_blocker")
    request.getfixturevalue("_shared_world_session")
    with blocker.unblock():
        reconcile(kind)


@pytest.fixture(autouse=True, scope="module")
def _shared_world_module(request):
    """Opens the world a module or its package names, before the module's own fixtures
    (tests/search builds its engines on the demo site). A module that names none closes
    any open world, unless its classes name one (they open theirs below)."""
    from tests.shared_world import kind_of, names_a_world

    kind = kind_of(request)
    if kind is not None or not names_a_world(request.module):
        _open(request, kind)


@pytest.fixture(autouse=True, scope="class")
def _shared_world_class(request):
    """Opens the world a class names before the class's own setUpClass, which then runs
    inside it; closes it for a class that names none."""
    from tests.shared_world import kind_of

    if request.cls is not None:
        _open(request, kind_of(request))


@pytest.fixture(autouse=True)
def _shared_world_check(request):
    """Closes the world for a test outside a class that names none (before its `db`), and
    checks that every test runs with exactly the world it names open (or none)."""
    from tests.shared_world import kind_of, open_kind

    kind = kind_of(request.node)
    if request.cls is None and kind is None:
        _open(request, None)
    assert open_kind() == kind, (open_kind(), kind)
