from flask import request
from flask_smorest import Blueprint

from .. import extensions, kb
from . import encoded_json, gzip_body
from .schemas import KnowledgeSchema

blp = Blueprint("knowledge", __name__, url_prefix="/api/v1/knowledge", description="The whole knowledge base")


def _bodies(engine):
    """The knowledge as JSON, plain and gzipped: it never changes while the process runs."""
    bodies = getattr(engine, "_knowledge_bodies", None)
    if bodies is None:
        plain = kb.wire_json(engine.knowledge.data)
        bodies = engine._knowledge_bodies = (plain, gzip_body(plain))
    return bodies


@blp.route("")
@blp.response(200, KnowledgeSchema)
@blp.alt_response(304, description="Not modified: the If-None-Match ETag is current.")
def get_knowledge():
    """The whole knowledge base, as the extension ships it; its ETag is its version."""
    engine = extensions.engine()
    # Gzipped for clients that accept it: about a sixth of the size.
    response = encoded_json(*_bodies(engine))
    response.set_etag(engine.version)
    # Keep it, but ask again each time: the answer is a cheap 304 while unchanged.
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)
