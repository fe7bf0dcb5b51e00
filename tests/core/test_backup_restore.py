"""Backup and restore (docs/operations.md): scripts/backup dumps the PostgreSQL database
(pg_dump -Fc) and archives MEDIA_ROOT; scripts/restore puts both into a new, empty
database and directory; the public pages rendered from the restored database are the same,
byte for byte (CSRF tokens aside), as from the original (`manage.py page_fingerprints`).

On SQLite the test is skipped: the scripts are for PostgreSQL (a SQLite database is
backed up with `sqlite3 db.sqlite3 ".backup …"`, docs/operations.md)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

from tests.orgs.world import build_world

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    # Committed rows, for pg_dump; the serialized rollback leaves the database as the
    # other transactional tests (tests/browser) expect it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="PostgreSQL only: scripts/backup uses pg_dump (SQLite: docs/operations.md)",
    ),
]


def database_url(settings_dict, name):
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{name}"


def environment(**values):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    env.update(values)
    return env


def run(command, **env):
    result = subprocess.run(
        command, cwd=ROOT, env=environment(**env), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def fingerprints(url, html=None):
    extra = ["--html", str(html)] if html else []
    lines = run([sys.executable, "manage.py", "page_fingerprints", *extra], DATABASE_URL=url)
    return sorted(lines.splitlines())


@pytest.fixture
def restored_database():
    """A new, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_with_the_same_pages(tmp_path, request):
    restored = request.getfixturevalue("restored_database")
    world = build_world()
    assert world["orgs"]["qibao"].get_translations().exists()  # the zh-hant twins too
    media = tmp_path / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "patrol.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photograph")

    source = database_url(connection.settings_dict, connection.settings_dict["NAME"])
    target = database_url(connection.settings_dict, restored)
    before = fingerprints(source, tmp_path / "before")
    assert len(before) > 20
    assert all(line.startswith("200 ") for line in before), before
    assert any("/zh-hant/" in line for line in before)

    backup = run(
        ["scripts/backup", str(tmp_path / "backups")], DATABASE_URL=source, MEDIA_ROOT=str(media)
    ).strip()
    assert (Path(backup) / "database.dump").stat().st_size > 0

    restored_media = tmp_path / "restored-media"
    run(["scripts/restore", backup, target, str(restored_media)])
    assert (restored_media / "original_images" / "patrol.jpg").read_bytes() == (
        b"\xff\xd8\xff\xe0 a photograph"
    )
    after = fingerprints(target, tmp_path / "after")
    assert set(after) - set(before) == set() and set(before) - set(after) == set()

    # Never over a database that has tables.
    again = subprocess.run(
        ["scripts/restore", backup, target, str(tmp_path / "other-media")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2
    assert "not empty" in again.stderr
