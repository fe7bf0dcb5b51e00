"""Every use of a library's private internals in this project, in one place.

Each is here because no public API does the job; tests/core/test_library_internals.py
pins the behaviour relied on, so a library upgrade that changes it fails there first
rather than corrupting data.

treebeard's materialised paths (`MP_Node._get_path`, `MP_Node._str2int`)
    The bulk page writer (core/bulk_pages.py: the demo's scale generator, its zh-hant
    twins, the ledger import) writes tens of thousands of pages with `bulk_create`, which
    needs each page's tree path before it is saved.
    treebeard's public ways of adding nodes compute paths only while saving: `add_child`
    and `add_sibling` save one node at a time (hours at that scale, with a revision each
    through Wagtail), and `load_bulk(bulk_create=True)` refuses multi-table inheritance,
    which every Wagtail page type uses. The paths must be exactly the ones treebeard
    would assign, or its later `add_child`, moves and `get_children` break the tree.

modelsearch's SQLite index (`ObjectIndexer`, `SQLiteIndex.entries`, `write_connection`,
`_refresh_title_norms`, and the FTS triggers on its entry table)
    search/backends/sqlite_bulk.py writes Wagtail's index on SQLite in bulk for the
    ledger import: modelsearch's `add_items` updates each existing entry with its own
    `UPDATE` and refreshes the title norms once per call. It lives in the search app (a
    core module must not know a backend's classes); the behaviour relied on is pinned by
    tests/search/test_index.py::test_sqlite_bulk_write_gives_modelsearchs_entries, which
    compares its entries and FTS rows with those modelsearch's own index writes.

Not listed: Django's `Model._meta`, `_default_manager` and `_state.adding` (copying an
instance) start with an underscore but are documented, public API.
"""


def child_path(node_class, parent, step):
    """The path treebeard gives the `step`-th child (1 for the first) of `parent`."""
    return node_class._get_path(parent.path, parent.depth + 1, step)


def step_of(node_class, path):
    """Which child of its parent the node at `path` is (1 for the first)."""
    return node_class._str2int(path[-node_class.steplen :])
