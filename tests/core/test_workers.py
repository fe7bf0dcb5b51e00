"""One truth across workers: two real server processes (runserver) on one database and
the site's default shared cache (files under one directory), and a third process that
unpublishes an organization, as an editor's request handled by another worker would.
Both servers show the directory's new count ("共 N 家") at once.

The processes need the database on disk: on SQLite the test copies its in-memory test
database into a file (VACUUM INTO); on PostgreSQL they use the test database itself."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.orgs.world import build_world
from tests.services import free_port, wait_for_port
from tests.utils import directory_count

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(settings.BASE_DIR)


def database_url(tmp_path):
    if connection.vendor == "sqlite":
        path = tmp_path / "site.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return f"sqlite:///{path}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def environment(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "WORKER_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": f"{ROOT / 'site'}{os.pathsep}{ROOT}",
    }
    env.pop("SEARCH_ENGINE", None)
    return env


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        return response.read().decode()


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def workers(world, tmp_path):
    """(environment, [port, port]): two servers on the world's database, stopped (by their
    pids) afterwards."""
    env = environment(tmp_path)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for_port(port, timeout=120)
        yield env, ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


UNPUBLISH = """
from orgs.models import OrganizationPage
OrganizationPage.objects.get(slug="qiaomen", locale__language_code="zh-hans").unpublish()
"""


def test_both_workers_show_the_new_count_right_after_an_unpublish(workers):
    env, ports = workers
    directory = "/zh-hans/orgs/"
    before = [directory_count(get(port, directory)) for port in ports]  # now cached
    assert before[0] == before[1]
    assert [directory_count(get(port, directory)) for port in ports] == before
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", UNPUBLISH], cwd=ROOT, env=env, check=True
    )
    assert [directory_count(get(port, directory)) for port in ports] == [before[0] - 1] * 2
    for port in ports:
        assert "/zh-hans/orgs/qiaomen/" not in get(port, directory)
