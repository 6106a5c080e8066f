"""What the suite does when a tool it needs is missing: skip on a developer's machine, fail in CI.

Every test that needs an outside tool (Chromium, Playwright, firefox-esr,
PostgreSQL, addons-linter, Redis) calls ``tool_missing`` instead of skipping, so
that under ``CI=true`` a missing tool fails the run with what to install,
instead of leaving its tests out silently (a green run with 181 fewer tests
looks like a green run). ``tests/`` is on ``sys.path`` (its conftest.py puts
it there), so any test module or conftest imports it as ``from guards import
tool_missing``.
"""

import os

import pytest


def in_ci():
    return os.environ.get("CI") == "true"


def tool_missing(tool, install, *, module=False):
    """Stop here because ``tool`` is missing; ``install`` says how to get it.

    ``module=True`` at a module's top level (the whole file needs the tool).
    Never returns: raises pytest's Failed under CI=true, else Skipped.
    """
    message = f"{tool} is missing: {install}"
    if in_ci():
        pytest.fail(f"CI=true: the tests that need {tool} must run, but {message}", pytrace=False)
    pytest.skip(message, allow_module_level=module)
