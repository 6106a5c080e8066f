import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from guards import tool_missing
from served import COMMAND, Served, free_port

from orderwise import create_app

# Hypothesis keeps its examples and a cache of constants in .hypothesis/ in the
# working folder, the checkout, where a run must leave nothing (tests/run
# checks): here they go to a temporary folder of this run. A failure still
# prints the example that reproduces it.
if "HYPOTHESIS_STORAGE_DIRECTORY" not in os.environ:
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="orderwise-hypothesis-")
    atexit.register(shutil.rmtree, os.environ["HYPOTHESIS_STORAGE_DIRECTORY"], ignore_errors=True)


@pytest.fixture(autouse=True)
def reports_database(tmp_path, monkeypatch):
    """Every app a test makes keeps its reports in a database of its own, not in the instance folder."""
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    monkeypatch.setenv("ORDERWISE_DATABASE_URL", url)
    return url


@pytest.fixture
def app():
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def serve(tmp_path):
    """Start ``orderwise serve`` as a real process: ``serve(*args, env={...})`` returns a ``Served``
    once its health check answers. Without ``--port`` in args, ORDERWISE_PORT is a free port; the
    environment is this test's (its own report database) plus ``env``. Every process is stopped
    at the test's end."""
    started = []

    def start(*args, env=None):
        env = {**os.environ, "ORDERWISE_HOST": "127.0.0.1", "ORDERWISE_PORT": str(free_port()), **(env or {})}
        port = args[args.index("--port") + 1] if "--port" in args else env["ORDERWISE_PORT"]
        output = tmp_path / f"serve-{len(started)}.log"
        with output.open("wb") as sink:
            process = subprocess.Popen([COMMAND, "serve", *args], env=env, stdout=sink, stderr=subprocess.STDOUT)
        served = Served(process, f"http://127.0.0.1:{port}", output)
        started.append(served)
        for _ in range(600):  # up to a minute on a busy machine
            if process.poll() is not None:
                pytest.fail(f"orderwise serve exited ({process.returncode}) before answering:\n{served.output()}")
            try:
                if served.get("/api/v1/health")[0] == 200:
                    return served
            except OSError:
                pass  # not listening yet
            try:
                process.wait(0.1)
            except subprocess.TimeoutExpired:
                pass
        pytest.fail(f"orderwise serve never answered on {served.url}:\n{served.output()}")

    yield start
    for served in started:
        served.process.terminate()
        try:
            served.process.wait(10)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()


def _postgresql_bin():
    """The newest Debian PostgreSQL's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parent.parent.name))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgresql_url():
    """A throwaway PostgreSQL server (its own cluster in a temp folder, a unix socket only): a database's URL.

    Debian's binaries come from ``tests/run``; without them the tests that need
    the server are skipped, except in CI, where that is a failure.
    """
    bin_dir = _postgresql_bin()
    if bin_dir is None:
        tool_missing("PostgreSQL's server (/usr/lib/postgresql/*/bin)", "apt-get install postgresql (tests/run does)")

    root = Path(tempfile.mkdtemp(prefix="orderwise-pg-"))
    # initdb refuses to run as root: CI runs as root, so the server runs as
    # Debian's postgres user, which must own the folder.
    as_user = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]

    def run(*args):
        done = subprocess.run([*as_user, *map(str, args)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"{Path(str(args[0])).name} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    data = root / "data"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = False
    try:
        run(bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync")
        server_options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off"
        run(bin_dir / "pg_ctl", "-D", data, "-o", server_options, "-l", root / "server.log", "-w", "start")
        started = True
        import psycopg

        with psycopg.connect(host=str(root), port=port, user="postgres", dbname="postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE orderwise_test")
        yield f"postgresql://postgres@/orderwise_test?host={root}&port={port}"
    finally:
        if started:
            run(bin_dir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
