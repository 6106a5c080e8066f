import atexit
import itertools
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import servers
from guards import tool_missing

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


def _postgresql():
    bin_dir = servers.postgresql_bin()
    if bin_dir is None:
        tool_missing("PostgreSQL's server (/usr/lib/postgresql/*/bin)", "apt-get install postgresql (tests/run does)")
    return servers.PostgreSQL(bin_dir)


def _redis():
    if not Path(servers.REDIS_SERVER).exists():
        tool_missing("Redis's server (redis-server)", "apt-get install redis-server (tests/run does)")
    return servers.Redis()


def _running(server):
    """Started for the fixture's scope, then stopped and its files removed."""
    try:
        yield server.start()
    except servers.ServerError as exc:
        pytest.fail(str(exc))
    finally:
        server.remove()


@pytest.fixture(scope="session")
def postgresql_session_server():
    yield from _running(_postgresql())


@pytest.fixture(scope="session")
def postgresql_url(postgresql_session_server):
    """A throwaway PostgreSQL server (its own cluster in a temp folder, a unix socket only): a database's URL.

    Debian's binaries come from ``tests/run``; without them the tests that need
    the server are skipped, except in CI, where that is a failure.
    """
    return postgresql_session_server.create_database("orderwise_test")


_databases = itertools.count()


@pytest.fixture
def postgresql_database(postgresql_session_server, request):
    """A new, empty database of its own on the session's PostgreSQL server: its URL."""
    name = re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40]
    return postgresql_session_server.create_database(f"t_{name}_{next(_databases)}")


@pytest.fixture
def postgresql_server():
    """A PostgreSQL server of this test's own, which the test may stop and start again."""
    yield from _running(_postgresql())


@pytest.fixture(scope="session")
def redis_session_server():
    """Debian's redis-server on a free port, nothing kept on disk (tests/run installs it)."""
    yield from _running(_redis())


@pytest.fixture
def redis_url(redis_session_server):
    """The session's Redis, emptied for this test: its URL."""
    redis_session_server.flush()
    return redis_session_server.url


@pytest.fixture
def redis_server():
    """A redis-server of this test's own, which the test may stop and start again."""
    yield from _running(_redis())


@pytest.fixture
def serve(tmp_path):
    """Start ``orderwise serve`` as a real process: ``serve(args=(), **env)`` gives a servers.Served,
    on a free port unless ``args`` or ``env`` name one.

    The environment is this test's (its own SQLite reports database) plus
    ``env``; every server still running is stopped with SIGTERM afterwards.
    """
    started = []

    def start(args=(), **env):
        served = servers.Served(tmp_path / f"serve-{len(started)}.log", env=env, args=args)
        started.append(served)
        return served

    yield start
    for served in started:
        served.close()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the run: tests/extension and tests/web share it (its sync API runs one at a time)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        tool_missing("Playwright", "pip install -e '.[test]' (tests/run does)")
    with sync_playwright() as playwright:
        yield playwright
