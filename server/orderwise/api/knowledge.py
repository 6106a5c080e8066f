from flask import Response, current_app, request
from flask_smorest import Blueprint

from .. import kb
from .schemas import KnowledgeSchema

blp = Blueprint("knowledge", __name__, url_prefix="/api/v1/knowledge", description="The whole knowledge base")


def _body(engine):
    # The knowledge never changes while the process runs: serialise it once.
    body = getattr(engine, "_knowledge_body", None)
    if body is None:
        body = kb.wire_json(engine.knowledge.data)
        engine._knowledge_body = body
    return body


@blp.route("")
@blp.response(200, KnowledgeSchema)
@blp.alt_response(304, description="Not modified: the If-None-Match ETag is current.")
def get_knowledge():
    """The whole knowledge base, as the extension ships it; its ETag is its version."""
    engine = current_app.extensions["orderwise"]
    response = Response(_body(engine), mimetype="application/json")
    response.set_etag(engine.version)
    # Keep it, but ask again each time: the answer is a cheap 304 while unchanged.
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)
