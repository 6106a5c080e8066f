"""Browser fixtures: the live service on port 0, Debian's Chromium with the unpacked extension,
and the fixture pages served at the real AliExpress URLs."""

import io
import socket
import threading
import time
from pathlib import Path

import pytest
from extension_helpers import PAGES
from guards import tool_missing
from harness import FIXTURES_DIR, extension_id
from werkzeug.serving import make_server

from orderwise import browser, create_app

try:
    import playwright.sync_api  # noqa: F401
except ImportError:
    tool_missing("Playwright", "pip install -e '.[test]' (tests/run does)", module=True)
if not Path(browser.chromium_path()).exists():
    tool_missing(
        f"Chromium ({browser.chromium_path()})",
        "apt-get install chromium (tests/run does), or set ORDERWISE_CHROMIUM",
        module=True,
    )


class Service:
    """The live service in a thread, with a log of the requests it answered."""

    def __init__(self, database_url):
        self.app = app = create_app({"TESTING": True, "RATE_LIMIT": "off", "DATABASE_URL": database_url})
        self.log = []
        self._lock = threading.Lock()

        def logged(environ, start_response):
            # Everything the request carried, kept to check what was sent.
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            sent = [environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")]
            sent += [f"{key}: {value}" for key, value in environ.items() if key.startswith("HTTP_")]
            sent.append(body.decode("utf-8", "replace"))

            def start(status, headers, exc_info=None):
                with self._lock:
                    self.log.append(
                        {
                            "path": environ.get("PATH_INFO"),
                            "if_none_match": environ.get("HTTP_IF_NONE_MATCH"),
                            "status": int(status.split()[0]),
                            "etag": dict(headers).get("ETag"),
                            "method": environ.get("REQUEST_METHOD"),
                            "body": body,
                            "sent": "\n".join(sent),
                        }
                    )
                return start_response(status, headers, exc_info)

            return app(environ, start)

        self.server = make_server("127.0.0.1", 0, logged, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def knowledge_requests(self):
        with self._lock:
            return [entry for entry in self.log if entry["path"] == "/api/v1/knowledge"]

    def knowledge_requests_from(self, start, count):
        """The knowledge requests after the first `start`, once `count` of them have been answered
        (a page shows the stored advice first and asks the service after)."""
        for _ in range(200):
            found = self.knowledge_requests()[start:]
            if len(found) >= count:
                return found
            time.sleep(0.05)  # the service's own thread is answering; not a wait for a page
        pytest.fail(f"the service got {len(found)} knowledge requests, not {count}")

    def report_requests(self):
        with self._lock:
            return [entry for entry in self.log if entry["path"] == "/api/v1/reports"]


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    service = Service(f"sqlite:///{tmp_path_factory.mktemp('service') / 'reports.sqlite3'}")
    service.thread.start()
    yield service
    service.server.shutdown()


@pytest.fixture(scope="session")
def closed_port_url():
    """An address where nothing listens: the service is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _open(playwright, user_data_dir, service_url):
    context = browser.launch(user_data_dir, playwright=playwright)
    context.set_default_timeout(10_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://www.aliexpress.com")
    browser.set_settings(context, service_url)
    context.fixtures = browser.serve_fixtures(context, PAGES, FIXTURES_DIR)
    return context


@pytest.fixture(scope="session")
def shared_context(playwright, service, tmp_path_factory):
    """One browser for the tests that only read: the extension talks to the live service."""
    context = _open(playwright, tmp_path_factory.mktemp("profile"), service.url)
    yield context
    context.close()


@pytest.fixture
def context(playwright, service, tmp_path):
    """A browser of its own, for tests that change settings, storage or the worker."""
    context = _open(playwright, tmp_path / "profile", service.url)
    yield context
    context.close()


@pytest.fixture
def page(shared_context):
    page = shared_context.new_page()
    yield page
    page.close()
    # What the test made Orderwise remember (a situation picked, a message copied) is forgotten.
    browser.service_worker(shared_context).evaluate(
        """async () => {
          const keys = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('memory:'));
          await chrome.storage.local.remove(keys);
        }"""
    )


@pytest.fixture
def fixtures(shared_context):
    """The shared browser's URL -> fixture mapping; changes are undone after the test."""
    saved = dict(shared_context.fixtures.mapping)
    yield shared_context.fixtures
    shared_context.fixtures.mapping.clear()
    shared_context.fixtures.mapping.update(saved)


@pytest.fixture(scope="module")
def extension_page(shared_context):
    """An extension page (the options page) to send messages from."""
    page = shared_context.new_page()
    page.goto(f"chrome-extension://{extension_id(shared_context)}/options/options.html")
    yield page
    page.close()
