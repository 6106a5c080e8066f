"""Drive the real extension in Chromium: helpers shared by the browser tests, ``orderwise demo`` and
``bench/extension``.

Playwright is a test/demo extra, not a dependency of the service, so it is
imported inside the functions that need it.
"""

import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

REPO = Path(__file__).resolve().parents[2]
EXTENSION_DIR = REPO / "extension"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

# Every AliExpress storefront host the fixtures may be served at.
ALIEXPRESS_URL = re.compile(r"^https://(?:[a-z0-9-]+\.)*aliexpress\.(?:com|us|ru)(?::\d+)?/", re.IGNORECASE)

NOT_FOUND_PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>404 | AliExpress</title></head>"
    "<body><h1>Page not found</h1><p>No fixture is mapped to this address.</p></body></html>"
)


# No calls home: this machine's network is closed.
CHROMIUM_FLAGS = ("--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium_flags():
    """CHROMIUM_FLAGS, and --no-sandbox only where Chromium refuses to start without it: as root.
    Anyone else keeps the sandbox between the pages (sample or real) and the machine."""
    return [*CHROMIUM_FLAGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]


def chromium_path():
    """The Chromium to drive: $ORDERWISE_CHROMIUM, else Debian's /usr/bin/chromium."""
    return os.environ.get("ORDERWISE_CHROMIUM", DEFAULT_CHROMIUM)


def load_scripts():
    """The content scripts the manifest injects with every order page, in order."""
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    ((*scripts,),) = [block["js"] for block in manifest["content_scripts"]]
    return scripts


def panel_scripts():
    """The panel's scripts, in order, as common/protocol.js lists them for the worker to inject
    when a panel first opens."""
    protocol = (EXTENSION_DIR / "common" / "protocol.js").read_text(encoding="utf-8")
    (listed,) = re.findall(r"PANEL_SCRIPTS: Object\.freeze\(\[(.*?)\]\)", protocol, re.S)
    return re.findall(r"'([^']+\.js)'", listed)


def launch(user_data_dir, extension_dir=EXTENSION_DIR, headless=True, *, playwright, **options):
    """A persistent Chromium context, in the running sync ``playwright``, with the unpacked
    extension loaded. ``options`` go to Playwright's ``launch_persistent_context``
    (``timezone_id``, ``locale``, ...)."""
    ext = str(Path(extension_dir).resolve())
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=chromium_path(),
        headless=headless,
        args=[f"--disable-extensions-except={ext}", f"--load-extension={ext}", *chromium_flags()],
        **options,
    )


def service_worker(context):
    """The extension's service worker, waiting for it to start if needed."""
    for worker in context.service_workers:
        if worker.url.startswith("chrome-extension://"):
            return worker
    return context.wait_for_event(
        "serviceworker", predicate=lambda worker: worker.url.startswith("chrome-extension://")
    )


def set_settings(context, service_url=None, offline_only=False):
    """Write the extension's settings straight into its storage (before pages load)."""
    settings = {"serviceUrl": service_url or "http://127.0.0.1:5000", "offlineOnly": offline_only}
    service_worker(context).evaluate("settings => chrome.storage.local.set({settings})", settings)


class FixtureServer:
    """Serves fixture files at real AliExpress URLs through ``context.route``.

    ``mapping`` maps a URL path, optionally with query parameters that must be
    present (``/p/order/detail.html?orderId=8190000000000001``), to a fixture
    file (a name in the folder ``root``, or a path). A key may also name the host
    (``https://aliexpress.ru/order-list``): it then serves that host only. The
    most specific key wins (a host counts more than any query); anything
    unmapped gets a 404 page. ``requests`` lists every URL asked for.
    """

    def __init__(self, mapping, root):
        self.mapping, self.root = dict(mapping), Path(root)
        self.requests = []
        self._lock = threading.Lock()

    def find(self, url):
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        best, best_score = None, -1
        for key, file in self.mapping.items():
            key_parts = urlsplit(key)
            if key_parts.path != parts.path or key_parts.netloc not in ("", parts.netloc):
                continue
            wanted = dict(parse_qsl(key_parts.query))
            score = len(wanted) + (100 if key_parts.netloc else 0)
            if all(query.get(name) == value for name, value in wanted.items()) and score > best_score:
                best, best_score = file, score
        if best is None:
            return None
        path = Path(best)
        return path if path.is_absolute() else self.root / path

    def handle(self, route):
        url = route.request.url
        with self._lock:
            self.requests.append(url)
        file = self.find(url)
        if file is None:
            route.fulfill(status=404, content_type="text/html; charset=utf-8", body=NOT_FOUND_PAGE)
        else:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=file.read_bytes())


def serve_fixtures(context, mapping, root):
    """Route every AliExpress URL of ``context`` to fixture files; returns the FixtureServer."""
    server = FixtureServer(mapping, root)
    context.route(ALIEXPRESS_URL, server.handle)
    return server
