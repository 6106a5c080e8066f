from functools import wraps

from flask import request
from flask_smorest import Blueprint

from .. import extensions
from . import encoded_json, gzip_body
from .schemas import AdviceQuerySchema, AdviceSchema

blp = Blueprint("advice", __name__, url_prefix="/api/v1/advice", description="What to do about an order")


def _replayed(view):
    """A body answered before gets its kept answer, without parsing it again."""

    @wraps(view)
    def replay(*args, **kwargs):
        answer = extensions.answers().get(request.get_data(cache=True))
        return view(*args, **kwargs) if answer is None else encoded_json(*answer)

    return replay


def _kept(view):
    """An answer that depends only on its body is kept for _replayed, gzipped too,
    so that a repeated question costs no compression."""

    @wraps(view)
    def keep(query):
        response = view(query)
        asked = request.get_data(cache=True)
        if not extensions.answers().keeps(asked, query):
            return response
        body = response.get_data()
        answer = (body, gzip_body(body))
        extensions.answers().put(asked, answer)
        return encoded_json(*answer)

    return keep


@blp.route("", methods=["POST"])
@_replayed
@blp.arguments(AdviceQuerySchema())  # an instance: a class is instantiated per request
@_kept
@blp.response(200, AdviceSchema())
def advise(query):
    """Advise on an order from its status: verdict, steps, reasons, messages, deadlines."""
    return extensions.engine().advise(**query)
