from flask import current_app
from flask_smorest import Blueprint

from .schemas import AdviceQuerySchema, AdviceSchema

blp = Blueprint("advice", __name__, url_prefix="/api/v1/advice", description="What to do about an order")


@blp.route("", methods=["POST"])
@blp.arguments(AdviceQuerySchema)
@blp.response(200, AdviceSchema)
def advise(query):
    """Advise on an order from its status: verdict, steps, reasons, messages, deadlines."""
    return current_app.extensions["orderwise"].advise(**query)
