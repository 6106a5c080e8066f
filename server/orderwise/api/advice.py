import json
from collections import OrderedDict
from functools import wraps
from threading import Lock

from flask import Response, current_app, request
from flask_smorest import Blueprint

from . import encoded_json, gzip_body
from .schemas import AdviceQuerySchema, AdviceSchema

blp = Blueprint("advice", __name__, url_prefix="/api/v1/advice", description="What to do about an order")

# Advice without a request time depends only on the query and the knowledge. The
# extension sends the same few bodies again and again, so the answer to a body
# that was valid once is kept by its exact bytes and sent again without parsing
# (bounded: page texts vary; and only bodies of a real query's size, so that padded
# bodies can't fill it). The largest answer is 13 KB, 4 KB gzipped: the kept
# answers weigh 17 MB at worst, about 11 MB for typical ones.
CACHED_BODIES = 1024
MAX_CACHED_BODY = 512  # bytes; a real query is about 100


class _Answers:
    """Answers (plain and gzipped) by request body, least recently used dropped first."""

    def __init__(self, size):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def put(self, key, body):
        with self.lock:
            self.items[key] = body
            if len(self.items) > self.size:
                self.items.popitem(last=False)


def _answers():
    answers = current_app.extensions.get("orderwise.advice_answers")
    if answers is None:  # made once per app, not on every request
        answers = current_app.extensions.setdefault("orderwise.advice_answers", _Answers(CACHED_BODIES))
    return answers


def _replayed(view):
    @wraps(view)
    def replay(*args, **kwargs):
        answer = _answers().get(request.get_data(cache=True))
        if answer is None:
            return view(*args, **kwargs)
        return encoded_json(*answer)

    return replay


@blp.route("", methods=["POST"])
@_replayed
@blp.arguments(AdviceQuerySchema())  # an instance: a class is instantiated per request
@blp.response(200, AdviceSchema())
def advise(query):
    """Advise on an order from its status: verdict, steps, reasons, messages, deadlines."""
    advice = current_app.extensions["orderwise"].advise(**query)
    body = json.dumps(AdviceSchema().dump(advice), ensure_ascii=False, separators=(",", ":")).encode()
    asked = request.get_data(cache=True)
    if "requested_at" not in query and len(asked) <= MAX_CACHED_BODY:
        # Kept gzipped too: a repeated question costs no compression.
        answer = (body, gzip_body(body))
        _answers().put(asked, answer)
        return encoded_json(*answer)
    return Response(body, mimetype="application/json")
