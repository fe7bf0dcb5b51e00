"""The settings the site gets from its environment (README, "Settings"): REDIS_URL as
written there selects the degrading Redis cache and works against a real server; without
it, the cache is files under var/cache, one for every process; database connections are
checked before reuse."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from tests.services import redis_server

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import cache
cache.set("settings-test", "值", 30)
print(json.dumps({
    "backend": settings.CACHES["default"]["BACKEND"],
    "location": str(settings.CACHES["default"]["LOCATION"]),
    "health_checks": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "read_back": cache.get("settings-test"),
}))
"""


def site_settings(tmp_path, **environment):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=get_random_secret_key(),  # production refuses a weak key
        ALLOWED_HOSTS="example.org",
        PYTHONPATH=str(ROOT / "site"),
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_redis_url_as_the_readme_writes_it(tmp_path):
    import redis

    with redis_server() as server:
        # README: REDIS_URL=redis://127.0.0.1:6379/0 (here the test's own port)
        found = site_settings(tmp_path, REDIS_URL=f"redis://127.0.0.1:{server.port}/0")
        assert found["backend"] == "core.cache.ResilientRedisCache"
        assert found["read_back"] == "值"
        assert redis.Redis.from_url(server.url).keys("*settings-test*")
    assert found["health_checks"] is True


def test_without_redis_the_cache_is_files_every_process_shares(tmp_path):
    found = site_settings(tmp_path)
    assert found["backend"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert Path(found["location"]) == ROOT / "var" / "cache"
    assert found["read_back"] == "值"
    assert found["health_checks"] is True
