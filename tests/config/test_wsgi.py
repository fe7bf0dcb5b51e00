"""The WSGI entry point works wherever the server starts it from."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_application_imports_from_outside_the_repository(tmp_path):
    # A server (gunicorn, uWSGI) loads the module by path or with --chdir elsewhere: every
    # app, search included, must be importable from the one source root wsgi.py adds.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE")
    }
    env.update(SECRET_KEY="wsgi-test-" + "abcdefghij" * 5, ALLOWED_HOSTS="example.org")
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('wsgi', {str(ROOT / 'site/config/wsgi.py')!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "import search.engines\n"
        "print(type(module.application).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "WSGIHandler"
