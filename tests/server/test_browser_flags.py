"""Chromium for the demo and the browser tests keeps its sandbox unless it cannot start with it."""

import pytest

from orderwise import browser


@pytest.mark.parametrize(("uid", "sandboxed"), [(0, False), (1000, True)])
def test_no_sandbox_only_as_root(monkeypatch, uid, sandboxed):
    monkeypatch.setattr(browser.os, "geteuid", lambda: uid)
    flags = browser.chromium_flags()
    assert ("--no-sandbox" not in flags) == sandboxed
    assert set(browser.CHROMIUM_FLAGS) <= set(flags)
