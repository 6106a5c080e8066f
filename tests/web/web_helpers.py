"""The phone page's browser tests: a phone's settings and the live service on port 0 in a thread."""

import io
import threading

from werkzeug.serving import make_server

from orderwise import create_app

PHONE = {"viewport": {"width": 360, "height": 780}, "has_touch": True, "is_mobile": True}


class LiveService:
    """The service on a free port, keeping everything each request carried (address, headers, body)."""

    def __init__(self, database_url):
        app = create_app({"TESTING": True, "RATE_LIMIT": "off", "DATABASE_URL": database_url})
        self.requests = []

        def recorded(environ, start_response):
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            headers = [f"{key}: {value}" for key, value in environ.items() if key.startswith("HTTP_")]
            path = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
            self.requests.append("\n".join([path, *headers, body.decode("utf-8", "replace")]))
            # The answer is read whole and closed before it is sent: when the browser drops a
            # connection mid-answer (a stylesheet it no longer needs), werkzeug's test server
            # leaves the answer's file open, and the warning fails whichever test is running.
            answer = app(environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                if hasattr(answer, "close"):
                    answer.close()

        self.server = make_server("127.0.0.1", 0, recorded, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
