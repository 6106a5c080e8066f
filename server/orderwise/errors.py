"""Every failure under /api/ as the same JSON envelope: code, status, message, errors.

Elsewhere (the phone page's addresses, and any other) an error is an HTML page.
"""

from flask import jsonify, request
from werkzeug.exceptions import HTTPException

from . import web

# Headers an HTTP error carries that the JSON response must keep (405's Allow,
# 429's Retry-After); the rest describe werkzeug's HTML page.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")

# Plainer words than werkzeug's defaults; a message given to abort() is kept.
MESSAGES = {
    400: "The request body could not be read as JSON.",
    404: "There is nothing at this address.",
    405: "This address does not accept that method; see the Allow header.",
    413: "The request body is larger than 16 KiB.",
    422: "Some fields are missing or not valid; see errors.",
    500: "Something went wrong on our side; the request was not processed.",
}


def handle_http_error(error):
    if not request.path.startswith("/api/"):
        return web.error_page(error)
    data = getattr(error, "data", None) or {}
    payload = {
        "code": error.code,
        "status": error.name,
        "message": _message(error),
        "errors": data.get("messages", {}),
    }
    headers = {name: value for name, value in error.get_headers() if name in KEPT_HEADERS}
    headers.update(data.get("headers") or {})
    return jsonify(payload), error.code, headers


def _message(error):
    if error.code == 429:  # Flask-Limiter's description is the limit itself
        return f"Too many requests (limit {error.description}); wait for Retry-After seconds."
    if error.description == type(error).description:
        return MESSAGES.get(error.code, error.description)
    return error.description


def init_app(app):
    # Registered after flask-smorest's own handler, so this one wins. There is
    # no catch-all Exception handler: Flask turns anything unhandled into a 500
    # InternalServerError, which lands here without its stack trace.
    app.register_error_handler(HTTPException, handle_http_error)
