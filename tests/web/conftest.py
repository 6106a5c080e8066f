"""The phone page in a browser: the live service on port 0 in a thread, and Debian's
Chromium as a phone (360 x 780, touch, mobile), without the extension."""

from pathlib import Path

import pytest
from guards import tool_missing
from web_helpers import PHONE, LiveService

from orderwise import browser


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    # A session's fixture is set up before the test's own database (conftest.reports_database):
    # it names its own, or it would make one in the checkout's instance folder.
    service = LiveService(f"sqlite:///{tmp_path_factory.mktemp('service') / 'reports.sqlite3'}")
    yield service
    service.stop()


@pytest.fixture(scope="session")
def chromium(playwright):
    if not Path(browser.chromium_path()).exists():
        tool_missing(
            f"Chromium ({browser.chromium_path()})",
            "apt-get install chromium (tests/run does), or set ORDERWISE_CHROMIUM",
        )
    chromium = playwright.chromium.launch(executable_path=browser.chromium_path(), args=list(browser.CHROMIUM_FLAGS))
    yield chromium
    chromium.close()


@pytest.fixture
def phone(chromium, service):
    """A fresh phone browser (no service worker, no storage yet) that may use the clipboard on the service's page."""
    contexts = []

    def open_phone(**options):
        context = chromium.new_context(**{**PHONE, **options})
        context.set_default_timeout(10_000)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.url)
        contexts.append(context)
        return context

    yield open_phone
    for context in contexts:
        context.close()
