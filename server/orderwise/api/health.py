from flask_smorest import Blueprint

from .. import extensions
from .schemas import HealthSchema

blp = Blueprint("health", __name__, url_prefix="/api/v1/health", description="Is the service up")


@blp.route("")
@blp.response(200, HealthSchema)
def health():
    """Say the service is up, and which knowledge it serves."""
    return {"status": "ok", "version": extensions.engine().version}
