from flask_smorest import Blueprint

from .. import extensions
from .schemas import ClassificationSchema, ClassifyQuerySchema

blp = Blueprint("classify", __name__, url_prefix="/api/v1/classify", description="Status text to status key")


@blp.route("", methods=["POST"])
@blp.arguments(ClassifyQuerySchema())
@blp.response(200, ClassificationSchema())
def classify(query):
    """Tell which status a page's status text means."""
    result = extensions.engine().classify(query["text"], query.get("lang"))
    return {"status": result.status, "confidence": result.confidence, "match": result.match}
