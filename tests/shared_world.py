"""The known worlds of the page tests, built once per test run instead of once per class.

Building the world of tests/orgs/world.py publishes about thirty pages through the publish
pipeline (twins, search entries): 7 s on SQLite and more on PostgreSQL, and some fifty
test classes used to build it each in their own `setUpTestData`. Now a class names the
world it reads (`WorldTestCase`, `ScopedWorldTestCase`) and the world is built in layers,
each an open transaction around the classes that read it:

    "world"   tests/orgs/world.py build_world()
    "scoped"  on top of it, the editors' groups and users of tests/access/world.py
    "demo"    the demo site as `make run` builds it (tests/demo)
    "decoys"  on top of it, the search tests' extra organizations (tests/search)

Each class still runs in its own transaction inside those layers (Django's TestCase), so
whatever a class or a test writes is rolled back as before, and every class gets its own
copy of the world's objects. A module or a package of pytest tests that use `db` reads
a world the same way by naming it (`world_kind = "world"`) and taking `shared_world(kind)`
in a fixture. tests/conftest.py runs the world's classes first, "world"
before "scoped" (the other tests keep pytest-django's order), opens a layer before the
first class that needs it and rolls it back before the first test that does not, so no
other test, and no transactional or browser test, ever sees these rows.
"""

import copy
import sys

from django.db import transaction
from django.test import TestCase

# kind: (the layer below it, what builds this layer on top of that layer's world)
LAYERS = {
    "world": (None, "tests.orgs.world:build_world"),
    "scoped": ("world", "tests.access.world:scope"),
    "demo": (None, "tests.utils:load_demo"),
    "decoys": ("demo", "tests.search.conftest:with_decoys"),
}
ORDER = {"world": 0, "scoped": 1, "demo": 2, "decoys": 3}

_stack = []  # [(kind, atomic, world)], bottom first


def chain(kind):
    """The layers `kind` stands on, bottom first (empty for None)."""
    layers = []
    while kind is not None:
        layers.insert(0, kind)
        kind = LAYERS[kind][0]
    return layers


def _builder(kind):
    from importlib import import_module

    module, name = LAYERS[kind][1].split(":")
    return getattr(import_module(module), name)


def reconcile(kind):
    """Make the open layers exactly those `kind` needs (none for None): roll back the
    layers above the common part, then build the missing ones."""
    wanted = chain(kind)
    common = 0
    while common < min(len(_stack), len(wanted)) and _stack[common][0] == wanted[common]:
        common += 1
    while len(_stack) > common:
        _kind, atomic, _world = _stack.pop()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    for layer in wanted[common:]:
        atomic = transaction.atomic()
        # Like Django's TestCase atomics: a durable block inside a test is not nested.
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            below = copy.deepcopy(_stack[-1][2]) if _stack else None
            world = _builder(layer)(below) if below is not None else _builder(layer)()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
        _stack.append((layer, atomic, world))


def kind_of(node):
    """The world a test item (or a fixture request) reads: `world_kind` on its class, its
    module or its package (tests/api/__init__.py), or None. Only for tests that run in a
    transaction rolled back after them (TestCase, pytest-django's `db`): a transactional
    test must never be given a world this way."""
    module = getattr(node, "module", None)
    package = sys.modules.get(module.__name__.rpartition(".")[0]) if module else None
    for holder in (getattr(node, "cls", None), module, package):
        if hasattr(holder, "world_kind"):
            return holder.world_kind
    return None


def names_a_world(module):
    """Whether a class defined in `module` names a world."""
    return any(
        getattr(value, "world_kind", None) is not None
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__ == module.__name__
    )


def is_open():
    return bool(_stack)


def open_kind():
    return _stack[-1][0] if _stack else None


def shared_world(kind):
    """A copy of the world of `kind`, which must be the open layer (the conftest opens it
    before the class's setUpClass)."""
    if not _stack or _stack[-1][0] != kind:
        raise RuntimeError(
            f"the {kind!r} world is not open: tests/conftest.py opens it for classes whose "
            "world_kind names it"
        )
    return copy.deepcopy(_stack[-1][2])


class WorldTestCase(TestCase):
    """A TestCase that reads the world of tests/orgs/world.py as `cls.world`."""

    world_kind = "world"

    @classmethod
    def setUpTestData(cls):
        cls.world = shared_world(cls.world_kind)

    @classmethod
    def tearDownClass(cls):
        """Django's, without closing the connections after rolling the class back: the
        world's transaction is still open around the class, and on PostgreSQL closing the
        connection would end it (pytest-django skips that close for its `db` tests for
        the same reason)."""
        if cls._databases_support_transactions() and cls._databases_support_savepoints():
            cls._rollback_atomics(cls.cls_atomics)
        super(TestCase, cls).tearDownClass()


class ScopedWorldTestCase(WorldTestCase):
    """The world with its editors' groups and users (tests/access/world.py)."""

    world_kind = "scoped"
