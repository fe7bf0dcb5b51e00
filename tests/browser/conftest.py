import os
import shutil
import threading

from django.test.testcases import LiveServerThread

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class _OneRequestAtATime:
    """A WSGI app that serves one request at a time, its body included.

    On SQLite in memory the live server's threads all use the test's one connection
    (Django's `connections_override`: a second connection would see another, empty
    database). Browsers send requests side by side (the admin autosaves a new page
    while a chooser loads), and two threads on one SQLite connection fail with "database
    table is locked". PostgreSQL gives each thread its own connection and is not
    serialised. The site is unchanged: this is the test server's plumbing only."""

    lock = threading.Lock()

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        with self.lock:
            result = self.app(environ, start_response)
            try:
                return list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()


_original_init = LiveServerThread.__init__


def _serialised_when_sharing(self, host, static_handler, connections_override=None, port=0):
    if connections_override:
        inner = static_handler
        static_handler = lambda app: _OneRequestAtATime(inner(app))  # noqa: E731
    _original_init(self, host, static_handler, connections_override, port)


LiveServerThread.__init__ = _serialised_when_sharing


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database exists: started
    before, it sees the settings' database name, not the in-memory test database, so it
    would not share the test's connection, and its threads would each open their own
    connection to SQLite's shared in-memory cache, where concurrent requests fail at
    once with "database table is locked"."""
    return live_server


@pytest.fixture
def browser():
    """One Chromium a test: a Playwright event loop left running between tests would give
    Django's context-local database connections to the wrong context."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (make browser-deps)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        # Connections opened while Playwright's loop was current belong to that context;
        # close them here, or PostgreSQL cannot drop the test database at the end.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
