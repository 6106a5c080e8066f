"""A missing tool fails the run under CI=true, naming what to install, and is a skip elsewhere."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from guards import tool_missing

ROOT = Path(__file__).resolve().parent.parent


def test_in_ci_a_missing_tool_is_a_failure_that_says_what_to_install(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"Redis is missing: apt-get install redis-server"):
        tool_missing("Redis", "apt-get install redis-server")


def test_outside_ci_a_missing_tool_is_a_skip_that_says_what_to_install(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"Redis is missing: apt-get install redis-server"):
        tool_missing("Redis", "apt-get install redis-server")


def collect(path, **env):
    """``pytest --collect-only`` of ``path`` in a child process with ``env`` added: (exit code, output)."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", path],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("path", "env", "named"),
    [
        # tests/extension's conftest holds the guard: collected from tests/, as a run collects it
        ("tests", {"ORDERWISE_CHROMIUM": "/nonexistent/chromium"}, "apt-get install chromium"),
        ("tests/firefox/test_firefox.py", {"ORDERWISE_FIREFOX": "/nonexistent/firefox"}, "apt-get install firefox-esr"),
    ],
    ids=["chromium", "firefox"],
)
def test_without_the_browser_ci_collects_a_failure_not_fewer_tests(path, env, named):
    """The whole folder's tests would vanish from a run: in CI that run fails, and says why."""
    code, output = collect(path, CI="true", **env)
    assert code not in (0, 5), output  # 5: "no tests collected", the silent case this guards against
    assert named in output, output

    code, output = collect(path, CI="false", **env)
    assert code in (0, 5) and "SKIPPED" in output and named in output, output
