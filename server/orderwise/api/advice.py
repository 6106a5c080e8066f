import json
from functools import lru_cache

from flask import Response, current_app
from flask_smorest import Blueprint

from .schemas import AdviceQuerySchema, AdviceSchema

blp = Blueprint("advice", __name__, url_prefix="/api/v1/advice", description="What to do about an order")

# Advice without a request time depends only on the query and the knowledge, so
# its JSON is computed once per distinct query (bounded: page texts vary).
CACHED_QUERIES = 4096


def _cached_json(engine):
    cached = current_app.extensions.get("orderwise.advice_json")
    if cached is None:

        @lru_cache(maxsize=CACHED_QUERIES)
        def cached(items):
            return _json(engine.advise(**dict(items)))

        current_app.extensions["orderwise.advice_json"] = cached
    return cached


def _json(advice):
    return json.dumps(AdviceSchema().dump(advice), ensure_ascii=False, separators=(",", ":"))


@blp.route("", methods=["POST"])
@blp.arguments(AdviceQuerySchema())  # an instance: a class is instantiated per request
@blp.response(200, AdviceSchema())
def advise(query):
    """Advise on an order from its status: verdict, steps, reasons, messages, deadlines."""
    engine = current_app.extensions["orderwise"]
    if "requested_at" in query:
        body = _json(engine.advise(**query))
    else:
        body = _cached_json(engine)(tuple(sorted(query.items())))
    return Response(body, mimetype="application/json")
