from flask import current_app
from flask_smorest import Blueprint
from werkzeug.exceptions import ServiceUnavailable

from .. import extensions, ratelimits
from .schemas import ReadySchema

blp = Blueprint(
    "ready", __name__, url_prefix="/api/v1/ready", description="Can this instance take traffic (for load balancers)"
)

# What a load balancer is told to wait before asking again.
RETRY_AFTER = 10


@blp.route("")
@blp.response(200, ReadySchema)
@blp.alt_response(503, description="The report store does not answer: send traffic elsewhere.")
def ready():
    """Say whether the report store answers, and whether the rate limits are shared."""
    if not extensions.reports().ping():
        raise ServiceUnavailable("The report store does not answer.", retry_after=RETRY_AFTER)
    limits = ratelimits.state(current_app)
    return {"status": "degraded" if limits == "degraded" else "ready", "database": "ok", "limits": limits}
