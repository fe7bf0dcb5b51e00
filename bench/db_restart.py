"""What a PostgreSQL restart costs readers (docs/operations.md, "Database down").

Needs a throwaway PostgreSQL cluster of its own (it restarts it), e.g. as root:

    mkdir /tmp/pgbench && chown postgres /tmp/pgbench
    runuser -u postgres -- initdb -D /tmp/pgbench/data -U postgres --auth=trust
    runuser -u postgres -- pg_ctl -D /tmp/pgbench/data -l /tmp/pgbench/log \
        -o "-p 55433 -k /tmp/pgbench -c listen_addresses=127.0.0.1" start
    createdb -h 127.0.0.1 -p 55433 -U postgres shequ_bench

    .venv/bin/python bench/db_restart.py --pgdata /tmp/pgbench/data --port 55433

It migrates that database and creates the site's skeleton, then, for CONN_HEALTH_CHECKS
off and on, starts two single-threaded WSGI workers (like gunicorn's sync workers: each
keeps its connection, CONN_MAX_AGE=60) and runs two scenarios:
- under load: four clients for 14 s, `pg_ctl restart -m fast` at 4 s; the statuses
  before, during and after the restart;
- idle: each worker serves a request, the database restarts while they are idle, then
  each serves one request: the status of that first request after the restart.
"""

import argparse
import collections
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = """
import os
from config.settings.dev import *  # noqa
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = os.environ["BENCH_HEALTH_CHECKS"] == "1"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": True}
"""
WORKER = """
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
import django
django.setup()
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

make_server("127.0.0.1", int(sys.argv[1]), get_wsgi_application(), handler_class=Quiet).serve_forever()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port):
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)


def get(port, path="/zh-hans/orgs/"):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def restart(args):
    command = ["pg_ctl", "-D", args.pgdata, "-m", "fast", "-w", "restart"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    options = f"-p {args.port} -k {Path(args.pgdata).parent} -c listen_addresses=127.0.0.1"
    started = time.monotonic()
    # Not captured: the server pg_ctl starts would keep a captured pipe open.
    subprocess.run(
        [*command, "-o", options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.monotonic() - started


def under_load(args, ports):
    phases = {name: collections.Counter() for name in ("before", "during", "after")}
    phase, stop, lock = ["before"], [False], threading.Lock()

    def client(number):
        while not stop[0]:
            number += 1
            current = phase[0]
            path = "/zh-hans/" if number % 2 else "/zh-hans/orgs/"
            status = get(ports[number % len(ports)], path)
            with lock:
                phases[current if current == phase[0] else "during"][status] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    phase[0] = "during"
    took = restart(args)
    phase[0] = "after"
    time.sleep(10)
    stop[0] = True
    for thread in threads:
        thread.join()
    return took, {name: dict(counts) for name, counts in phases.items()}


def idle(args, ports):
    warm = [get(port) for port in ports]
    took = restart(args)
    return took, warm, [get(port) for port in ports]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pgdata", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", default="shequ_bench")
    args = parser.parse_args()
    work = ROOT / "bench" / "results" / "db_restart"
    work.mkdir(parents=True, exist_ok=True)
    (work / "bench_db_settings.py").write_text(SETTINGS)
    (work / "worker.py").write_text(WORKER)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{args.port}/{args.database}",
        "DJANGO_SETTINGS_MODULE": "bench_db_settings",
        "PYTHONPATH": f"{work}{os.pathsep}{ROOT / 'site'}",
        "BENCH_HEALTH_CHECKS": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    setup = "from home.site_setup import ensure_site_structure; ensure_site_structure()"
    subprocess.run([*manage, "shell", "-c", setup], env=env, check=True, capture_output=True)
    for health_checks in ("0", "1"):
        env["BENCH_HEALTH_CHECKS"] = health_checks
        ports = [free_port(), free_port()]
        workers = [
            subprocess.Popen(
                [sys.executable, str(work / "worker.py"), str(port)],
                env=env,
                stderr=subprocess.DEVNULL,
            )
            for port in ports
        ]
        try:
            for port in ports:
                wait_for(port)
            took, phases = under_load(args, ports)
            print(f"CONN_HEALTH_CHECKS={health_checks} under load: restart {took:.2f} s, {phases}")
            took, warm, first = idle(args, ports)
            print(
                f"CONN_HEALTH_CHECKS={health_checks} idle: restart {took:.2f} s, "
                f"before {warm}, first request after {first}"
            )
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait()


if __name__ == "__main__":
    main()
