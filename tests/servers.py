"""Real servers for the tests, each a process of its own: `orderwise serve`, Debian's redis-server
and Debian's PostgreSQL. The fixtures in conftest.py start and stop them."""

import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORDERWISE = Path(sys.executable).with_name("orderwise")
STARTUP = 30  # seconds: two cores shared with the rest of the suite


class ServerError(Exception):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log_tail(path):
    return Path(path).read_text(errors="replace")[-3000:]


class Served:
    """`orderwise serve` with the given environment and arguments; the port is read from what it prints.

    Unless the arguments or the environment say otherwise, it listens on 127.0.0.1 on a port
    the system picks (--port 0)."""

    def __init__(self, log_path, env=None, args=()):
        env = {**os.environ, **(env or {})}
        chosen = []
        if "--host" not in args and "ORDERWISE_HOST" not in env:
            chosen += ["--host", "127.0.0.1"]
        if "--port" not in args and "ORDERWISE_PORT" not in env:
            chosen += ["--port", "0"]
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "wb")  # a file, not a pipe: a full pipe would block the server
        self.process = subprocess.Popen(
            [str(ORDERWISE), "serve", *chosen, *args],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP
        while not (found := re.search(rb" on http://127\.0\.0\.1:(\d+)/api/v1/health", self.log_path.read_bytes())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"orderwise serve did not start:\n{self.log()}")
            time.sleep(0.05)
        self.port = int(found.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None, timeout=10):
        """(status, headers, JSON body or None) of one request on a connection of its own."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = None if body is None else json.dumps(body).encode()
            sent = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=data, headers={**sent, **(headers or {})})
            response = connection.getresponse()
            raw = response.read()
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw.decode(errors="replace")
            return response.status, dict(response.getheaders()), payload
        finally:
            connection.close()

    def log(self):
        return _log_tail(self.log_path)

    def terminate(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def stop(self, timeout=15):
        """SIGTERM, then wait; killed if it does not exit. Its exit status."""
        self.terminate()
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise ServerError(f"orderwise serve did not exit {timeout} s after SIGTERM:\n{self.log()}") from None
        finally:
            self._log.close()

    def close(self):
        """Stopped if still running; its log file closed."""
        if self.process.poll() is None:
            self.stop()
        self._log.close()


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class Redis:
    """Debian's redis-server on a free port of 127.0.0.1, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = Path(tempfile.mkdtemp(prefix="orderwise-redis-"))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + STARTUP
        while not self.ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"redis-server did not start: {_log_tail(self.dir / 'redis.log')}")
            time.sleep(0.02)
        return self

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(64).startswith(b"+OK")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def postgresql_bin():
    """The newest Debian PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parent.parent.name))
    return Path(found[-1]).parent if found else None


class PostgreSQL:
    """A throwaway PostgreSQL server: its own cluster in a temp folder, a unix socket only.

    initdb refuses to run as root: CI runs as root, so the server then runs as
    Debian's postgres user, which must own the folder.
    """

    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="orderwise-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.running = False

    def _run(self, *args):
        done = subprocess.run([*self.as_user, *map(str, args)], capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerError(f"{Path(str(args[0])).name} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    def _init(self):
        self._run(
            self.bin_dir / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"
        )

    def start(self):
        """Started, its cluster made first on the first start."""
        if not self.data.exists():
            self._init()
        options = f"-p {self.port} -k {self.root} -c listen_addresses='' -c fsync=off"
        self._run(
            self.bin_dir / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "server.log", "-w", "start"
        )
        self.running = True
        return self

    def stop(self):
        if self.running:
            self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")
            self.running = False

    def create_database(self, name):
        """A new database's URL (psycopg 3 through SQLAlchemy)."""
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def url(self, name):
        return f"postgresql://postgres@/{name}?host={self.root}&port={self.port}"

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
