"""Real services for the tests of what happens when they stop: a Redis server of the
test's own, and a free port where nothing listens."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    """A port nothing listens on (the kernel's choice, closed again at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {timeout} s")


class RedisServer:
    """A redis-server on `port`; `stop()` ends it (by its pid). Without persistence, or,
    with `directory`, saving its data there when stopped and loading it when started."""

    def __init__(self, port, directory=None):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.directory = directory
        self.process = None

    def start(self):
        persistence = ["--save", ""]
        if self.directory:
            persistence = ["--save", "3600 1", "--dir", str(self.directory)]
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", *persistence],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def redis_server(port=None, directory=None):
    server = RedisServer(port or free_port(), directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
