"""Advice answers kept by the request body that asked for them, beside the Engine.

Advice without a request time depends only on the query and the knowledge, and
the same few bodies are asked again and again: the answer to a body that was
valid once is kept by its exact bytes and sent again without parsing. It is
bounded twice: page texts vary, so the least recently used answer goes first;
and only bodies of a real query's size are kept, so that padded bodies can't
fill it. The largest answer is 13 KB, 4 KB gzipped: the kept answers weigh
17 MB at worst, about 11 MB for typical ones. No Flask here.
"""

from collections import OrderedDict
from threading import Lock

KEPT_ANSWERS = 1024
MAX_KEPT_BODY = 512  # bytes; a real query is about 100


class Answers:
    """Answers (any value: the view keeps them plain and gzipped) by request body."""

    def __init__(self, size=KEPT_ANSWERS, max_body=MAX_KEPT_BODY):
        self.size, self.max_body = size, max_body
        self.items, self.lock = OrderedDict(), Lock()

    def keeps(self, body, query):
        """Whether the answer to ``body`` (parsed as ``query``) is the same every time it is asked."""
        return "requested_at" not in query and len(body) <= self.max_body

    def get(self, body):
        with self.lock:
            answer = self.items.get(body)
            if answer is not None:
                self.items.move_to_end(body)
            return answer

    def put(self, body, answer):
        with self.lock:
            self.items[body] = answer
            if len(self.items) > self.size:
                self.items.popitem(last=False)
