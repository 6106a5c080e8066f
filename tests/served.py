"""``orderwise serve`` as a real process, for the tests: a free port, and the process's answers.

The ``serve`` fixture (tests/conftest.py) starts it; the hosting tests and ``test_serve.py``
use what is here to talk to it.
"""

import json
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

COMMAND = Path(sys.executable).parent / "orderwise"  # the console script pip installed beside this Python


def free_port():
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """One ``orderwise serve`` process: its address, and what it printed so far."""

    def __init__(self, process, url, output):
        self.process, self.url, self._output = process, url, output

    def output(self):
        return self._output.read_text(errors="replace")

    def get(self, path, **headers):
        """(status, body) of a GET, errors included."""
        request = urllib.request.Request(self.url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post_json(self, path, body):
        request = urllib.request.Request(
            self.url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

