"""A stand-in for the Orderwise service that answers as a test tells it: a thread on port 0.

Modes for GET /api/v1/knowledge: "ok" (the bundled knowledge with its ETag, 304 on a match),
"slow" (answers only after ``slow_seconds``), "error" (500 with a JSON error), "invalid_json",
"wrong_shape" (valid JSON that is not knowledge), "broken_kit" (knowledge whose dispute kit has the wrong
shape), "no_kit" (knowledge without a dispute kit, as an older service sends). Every request is logged with its method,
path and headers (and the body of the other methods, which get 405), so a test can tell exactly
what left the browser.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from extension_helpers import SNAPSHOT

KNOWLEDGE = json.dumps(SNAPSHOT).encode()
ETAG = f'"{SNAPSHOT["version"]}"'
ANSWERS = {
    "error": (500, b'{"code": 500, "status": "Internal Server Error", "message": "boom", "errors": {}}'),
    "invalid_json": (200, b'{"version": "1", "statuses": [{"key": "unpaid",'),
    "wrong_shape": (200, json.dumps({"version": "2", "statuses": "all fine", "advice": "<b>trust me</b>"}).encode()),
    # Knowledge whose dispute kit is not a kit, and knowledge from a service that has none.
    "broken_kit": (
        200,
        json.dumps({**SNAPSHOT, "version": "3", "disputes": {**SNAPSHOT["disputes"], "situations": "x"}}).encode(),
    ),
    "no_kit": (200, json.dumps({k: v for k, v in {**SNAPSHOT, "version": "4"}.items() if k != "disputes"}).encode()),
}


class StubService:
    def __init__(self, mode="ok", slow_seconds=4.0):
        self.mode = mode
        self.slow_seconds = slow_seconds
        self.log = []
        self._released = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                stub.log.append({"method": "GET", "path": self.path, "headers": dict(self.headers), "at": time.time()})
                if self.path != "/api/v1/knowledge":
                    return self._send(404, b'{"code": 404}')
                if stub.mode == "slow":
                    stub._released.wait(stub.slow_seconds)
                if stub.mode in ANSWERS:
                    return self._send(*ANSWERS[stub.mode])
                if self.headers.get("If-None-Match") == ETAG:
                    return self._send(304, b"")
                return self._send(200, KNOWLEDGE)

            def _send(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("ETag", ETAG)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the extension gave up waiting, as it should

            def log_message(self, *args):
                pass

        def log_other(method):
            def handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.log.append({"method": method, "path": self.path, "headers": dict(self.headers), "body": body})
                self._send(405, b'{"code": 405}')

            return handle

        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"):
            setattr(Handler, f"do_{method}", log_other(method))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def requests(self, count):
        """The requests logged, once there are at least `count` (a page asks after showing its advice)."""
        for _ in range(200):
            if len(self.log) >= count:
                return list(self.log)
            time.sleep(0.05)  # this stub's own thread is answering; not a wait for a page
        raise AssertionError(f"the stub service got {len(self.log)} requests, not {count}: {self.log}")

    def release(self):
        """Let the "slow" answers held so far, and every later one, go out now."""
        self._released.set()

    def __exit__(self, *exc):
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
