"""Drive Debian's firefox-esr through its own WebDriver BiDi agent (no geckodriver), with the
fixture pages served at the real AliExpress https URLs.

How a page reaches https://www.aliexpress.com/p/order/... here: Firefox sends every https
request to ``TlsFixtureProxy`` (prefs ``network.proxy.ssl*``). For an AliExpress host the proxy
answers the CONNECT itself instead of tunnelling: it speaks TLS with a certificate made for
``*.aliexpress.com`` by ``trustme`` (which Firefox accepts because the BiDi session asks for
``acceptInsecureCerts``) and serves the mapped fixture file. Any other host is refused, so
nothing leaves the machine. The URL in the address bar is the real one, so the content
scripts run because the manifest's ``matches`` say so, as they would for a shopper.
"""

import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from harness import FIXTURES_DIR

from orderwise import browser

FIREFOX_CANDIDATES = ("firefox-esr", "firefox")
MANIFEST = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
EXTENSION_ID = MANIFEST["browser_specific_settings"]["gecko"]["id"]
# A fixed internal UUID, so the test knows the popup's moz-extension:// URL.
EXTENSION_UUID = "6c1f3a2e-4b1d-4c1e-9a53-0a0b0c0d0e0f"
POPUP_URL = f"moz-extension://{EXTENSION_UUID}/popup/popup.html"
ALIEXPRESS_HOSTS = (".aliexpress.com", ".aliexpress.us")
TIMEOUT_S = 20


def firefox_path():
    """$ORDERWISE_FIREFOX, else firefox-esr or firefox on PATH; None when there is none."""
    if os.environ.get("ORDERWISE_FIREFOX"):
        return shutil.which(os.environ["ORDERWISE_FIREFOX"])
    return next((found for name in FIREFOX_CANDIDATES if (found := shutil.which(name))), None)


class TlsFixtureProxy:
    """An https proxy that serves ``browser.FixtureServer``'s mapping for AliExpress hosts itself."""

    def __init__(self, mapping):
        import trustme

        self.fixtures = browser.FixtureServer(mapping, FIXTURES_DIR)
        ca = trustme.CA()
        cert = ca.issue_cert("*.aliexpress.com", "aliexpress.com", "*.aliexpress.us", "aliexpress.us")
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(tls)
        self.refused = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, tls))
        self.server.daemon_threads = True
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _handler(proxy, tls):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        host = None

        def log_message(self, *args):
            pass

        def do_CONNECT(self):
            host = self.path.rsplit(":", 1)[0].lower()
            if not host.endswith(ALIEXPRESS_HOSTS):
                proxy.refused.append(host)
                self.send_error(403, "Only AliExpress hosts are served here")
                return
            self.send_response(200, "Connection established")
            self.end_headers()
            try:
                self.connection = tls.wrap_socket(self.connection, server_side=True)
            except (ssl.SSLError, OSError):
                self.close_connection = True
                return
            self.rfile.close()  # the plain-socket reader; the TLS one replaces it
            self.rfile = self.connection.makefile("rb")
            self.wfile = self.connection.makefile("wb")
            self.host = host
            self.close_connection = False

        def finish(self):
            super().finish()
            if self.host is not None:  # the server closes the plain socket, not its TLS wrapper
                self.connection.close()

        def do_GET(self):
            if self.host is None:
                self.send_error(403, "Plain proxying is not offered")
                return
            url = f"https://{self.host}{self.path}"
            with proxy.fixtures._lock:
                proxy.fixtures.requests.append(url)
            file = proxy.fixtures.find(url)
            body = file.read_bytes() if file else browser.NOT_FOUND_PAGE.encode()
            self.send_response(200 if file else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class BiDiError(AssertionError):
    pass


class Firefox:
    """firefox-esr, headless, with a fresh profile, driven over WebDriver BiDi."""

    def __init__(self, profile_dir, proxy_port, prefs=None, system_access=False):
        import websocket

        profile_dir = Path(profile_dir)
        profile_dir.mkdir(parents=True, exist_ok=True)
        all_prefs = {
            "network.proxy.type": 1,
            "network.proxy.ssl": "127.0.0.1",
            "network.proxy.ssl_port": proxy_port,
            "extensions.webextensions.uuids": json.dumps({EXTENSION_ID: EXTENSION_UUID}),
            **(prefs or {}),
        }
        (profile_dir / "user.js").write_text(
            "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in all_prefs.items())
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            [firefox_path(), "--headless", "--no-remote", "--remote-debugging-port", str(port)]
            + ["--profile", str(profile_dir)]
            # Lets BiDi reach the browser's own UI: tabs of extension pages, the permission prompt.
            + (["--remote-allow-system-access"] if system_access else []),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output = []
        self.ws = None
        self._drainer = None
        self._id = 0
        try:
            for line in self.process.stdout:  # Firefox says when the agent listens; nothing to poll
                self.output.append(line)
                if "WebDriver BiDi listening on" in line:
                    break
            else:
                raise BiDiError("Firefox exited before its remote agent listened:\n" + "".join(self.output))
            self._drainer = threading.Thread(target=self._drain, daemon=True)
            self._drainer.start()
            self.ws = websocket.create_connection(
                f"ws://127.0.0.1:{port}/session", timeout=TIMEOUT_S, suppress_origin=True
            )
            self.command("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})
        except BaseException:
            self.close()  # never leave a browser behind
            raise

    def _drain(self):
        for line in self.process.stdout:
            self.output.append(line)

    def command(self, method, params):
        """Send one BiDi command and return its result (events in between are ignored)."""
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if message.get("type") == "error":
                    raise BiDiError(f"{method}: {message.get('error')}: {message.get('message')}")
                return message["result"]

    def install_extension(self, path):
        result = self.command("webExtension.install", {"extensionData": {"type": "path", "path": str(path)}})
        return result["extension"]

    def tab(self):
        return self.command("browsingContext.getTree", {})["contexts"][0]["context"]

    def goto(self, context, url):
        self.command("browsingContext.navigate", {"context": context, "url": url, "wait": "complete"})

    def evaluate(self, context, expression):
        """Evaluate in the page (awaiting a promise) and return the JSON-serialised value."""
        result = self.command(
            "script.evaluate",
            {
                "expression": f"(async () => JSON.stringify(await ({expression})))()",
                "target": {"context": context},
                "awaitPromise": True,
            },
        )
        if result["type"] == "exception":
            raise BiDiError(result["exceptionDetails"]["text"])
        return json.loads(result["result"]["value"])

    def contexts(self):
        return [context["context"] for context in self.command("browsingContext.getTree", {})["contexts"]]

    def chrome_evaluate(self, expression):
        """Evaluate in the browser window's own (privileged) scope; needs system_access."""
        tree = self.command("browsingContext.getTree", {"moz:scope": "chrome"})
        result = self.command(
            "script.evaluate",
            {"expression": expression, "target": {"context": tree["contexts"][0]["context"]}, "awaitPromise": True},
        )
        if result["type"] == "exception":
            raise BiDiError(result["exceptionDetails"]["text"])
        return result["result"].get("value")

    def open_extension_page(self, url):
        """Open a moz-extension:// page in a new tab, as the toolbar button would show it; returns
        the tab's context. (BiDi's navigate refuses extension URLs, so the browser UI opens it.)"""
        before = set(self.contexts())
        self.chrome_evaluate(
            f"gBrowser.selectedTab = gBrowser.addTab({json.dumps(url)}, "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); 'opened'"
        )
        (context,) = set(self.contexts()) - before
        return context

    def click(self, context, selector):
        """A real mouse click (user input, so the page may ask for permissions) on an element's centre."""
        centre = self.evaluate(
            context,
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect(); "
            "return {x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2)}; })()",
        )
        self.click_at(context, centre)

    def click_at(self, context, centre):
        """A real mouse click at {x, y} in the page's viewport."""
        steps = [
            {"type": "pointerMove", "x": centre["x"], "y": centre["y"]},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        self.command(
            "input.performActions",
            {"context": context, "actions": [{"type": "pointer", "id": "mouse", "actions": steps}]},
        )

    def accept_permission_prompt(self):
        """Wait for Firefox's add-on permission prompt, press its Allow button; returns its text
        and the lines of its list of what is asked, one per item (None when no prompt opened
        within 10 s)."""
        asked = self.chrome_evaluate(
            """new Promise((resolve) => {
              const accept = () => {
                const prompt = document.getElementById('addon-webext-permissions-notification');
                const items = prompt && [...prompt.querySelectorAll('li:not(:has(li))')];
                resolve(prompt ? JSON.stringify({
                  text: prompt.textContent,
                  items: items.map((li) => li.textContent.trim()).filter(Boolean),
                }) : null);
                if (prompt) prompt.button.click();
              };
              if (PopupNotifications.panel.state === 'open') return accept();
              PopupNotifications.panel.addEventListener('popupshown', accept, { once: true });
              setTimeout(() => resolve(null), 10000);
            })"""
        )
        return json.loads(asked) if asked else None

    def close(self):
        if self.ws is not None:
            try:
                self.command("session.end", {})
            except Exception:  # the browser may already be gone; it is ended below
                pass
            self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._drainer is not None:
            self._drainer.join(timeout=10)  # reads to the end of Firefox's output, then stops
        self.process.stdout.close()


# Resolves once `selector` matches in the page (a MutationObserver, no polling), or after
# `ms` with null; either way the caller gets something to assert on.
WAIT_FOR = """new Promise((resolve) => {{
  const selector = {selector};
  const pick = {pick};
  const found = () => document.querySelector(selector);
  if (found()) return resolve(pick(found()));
  const observer = new MutationObserver(() => {{
    if (found()) {{ observer.disconnect(); resolve(pick(found())); }}
  }});
  observer.observe(document, {{ subtree: true, childList: true, attributes: true }});
  setTimeout(() => {{ observer.disconnect(); resolve(null); }}, {ms});
}})"""


def wait_for(firefox, context, selector, pick="(el) => el.tagName", ms=10_000):
    return firefox.evaluate(context, WAIT_FOR.format(selector=json.dumps(selector), pick=pick, ms=ms))
