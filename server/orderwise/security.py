"""What every response says about itself, and what every request must be."""

from flask import abort, request

# An AliExpress storefront host: www.aliexpress.com, es.aliexpress.com,
# aliexpress.ru, www.aliexpress.us. CORS and the reports' host field share it.
ALIEXPRESS_HOST = r"([a-z0-9-]+\.)?aliexpress\.(com|us|ru)"

HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    # JSON only: nothing here may load, run or be framed.
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
)


def require_json():
    """A body that is not JSON is refused before anything reads it."""
    if request.routing_exception is not None:
        return  # a 404 or 405 says more than a 415 would
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype != "application/json":
        abort(415, "Send the body as application/json.")


def add_headers(response):
    headers = response.headers
    for name, value in HEADERS:  # the phone page sets its own Content-Security-Policy
        headers.setdefault(name, value)
    # Routes that can be cached say so themselves (the knowledge: no-cache
    # with an ETag); everything else is an answer for this request only.
    if "Cache-Control" not in headers:
        headers.add("Cache-Control", "no-store")
    return response


def init_app(app):
    app.before_request(require_json)
    app.after_request(add_headers)
