"""Production settings (docs/security.md): a weak SECRET_KEY is refused with a Chinese
message, and `check --deploy --fail-level WARNING` passes with the documented example
environment (docs/production.env.example, which .ci/run checks the same way)."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

import pytest

from config.secret_key import check_secret_key

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "production.env.example"


def example_environment(**overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        # tests/browser sets DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rejects.
        if key
        not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    env["SECRET_KEY"] = get_random_secret_key()
    env.update(overrides)
    return env


def manage(*args, **overrides):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=example_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    "key, message",
    [
        ("", "必须通过环境变量 SECRET_KEY"),
        ("dev-only-insecure-key", "开发或示例用的密钥"),
        ("django-insecure-" + get_random_secret_key(), "开发或示例用的密钥"),
        ("a-short-but-varied-key-1234", "太短"),
        ("ab" * 40, "字符种类太少"),
    ],
)
def test_weak_secret_keys_are_refused(key, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        check_secret_key(key)


def test_a_random_key_is_accepted():
    key = get_random_secret_key()
    assert check_secret_key(key) == key


def test_check_deploy_passes_with_the_example_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_https_is_off():
    # SECURE_SSL_REDIRECT=0 (a plain-HTTP trial run) is allowed, and `check --deploy` says so.
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_production_refuses_to_start_with_a_short_key():
    result = manage("check", SECRET_KEY="not-long-enough")
    assert result.returncode != 0
    assert "SECRET_KEY 太短" in result.stderr


SHOW = (
    "from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SERVE_MEDIA)"
)


def test_https_and_secure_cookies_by_default_and_off_for_a_plain_http_run():
    result = manage("shell", "-c", SHOW)
    assert result.stdout.splitlines()[-1].split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "False",
    ]
    result = manage("shell", "-c", SHOW, SECURE_SSL_REDIRECT="0", SERVE_MEDIA="1")
    assert result.stdout.splitlines()[-1].split() == [
        "False",
        "31536000",
        "False",
        "False",
        "False",
        "True",
    ]
