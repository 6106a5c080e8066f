import sqlalchemy as sa
from flask import current_app
from flask_smorest import Blueprint
from werkzeug.exceptions import ServiceUnavailable

from .. import extensions
from .schemas import ReportCountSchema, ReportSchema

blp = Blueprint(
    "reports", __name__, url_prefix="/api/v1/reports", description="Status words the knowledge does not know yet"
)

# Seconds the extension is told to wait when the report store does not answer.
RETRY_AFTER = 60


@blp.route("", methods=["POST"])
@blp.arguments(ReportSchema)
@blp.response(201, ReportCountSchema, description="The first report of this word here.")
@blp.alt_response(200, schema=ReportCountSchema, description="Reported before: counted again.")
@blp.alt_response(503, description="The report store does not answer: the report was not stored.")
def report(fields):
    """Report a status text that matched no known word; the same word again is counted."""
    try:
        count = extensions.reports().add(**fields)
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError) as exc:
        # The database is down or unreachable: an outage, not a bug, so a 503
        # the client can retry rather than a 500 (the cause goes to the log).
        current_app.logger.warning("report not stored: %s", type(exc).__name__)
        raise ServiceUnavailable(
            "The report could not be stored now; it was not counted. Try again later.", retry_after=RETRY_AFTER
        ) from exc
    return {"count": count}, 201 if count == 1 else 200
