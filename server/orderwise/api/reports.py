from flask import current_app
from flask_smorest import Blueprint

from .schemas import ReportCountSchema, ReportSchema

blp = Blueprint(
    "reports", __name__, url_prefix="/api/v1/reports", description="Status words the knowledge does not know yet"
)


@blp.route("", methods=["POST"])
@blp.arguments(ReportSchema)
@blp.response(201, ReportCountSchema, description="The first report of this word here.")
@blp.alt_response(200, schema=ReportCountSchema, description="Reported before: counted again.")
def report(fields):
    """Report a status text that matched no known word; the same word again is counted."""
    count = current_app.extensions["orderwise_reports"].add(**fields)
    return {"count": count}, 201 if count == 1 else 200
