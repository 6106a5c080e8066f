"""Orderwise: the advice service behind the Orderwise browser extension."""

import re

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import extensions, kb
from .engine import Engine

# Who may call the API from a browser: the extension itself (Chrome's and
# Firefox's origins) and the AliExpress order pages. Anyone else gets no CORS
# headers, so browsers keep other sites' scripts out.
ALLOWED_ORIGINS = [
    re.compile(r"^chrome-extension://[a-p]{32}$"),
    re.compile(r"^moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
    re.compile(r"^https://([a-z0-9-]+\.)?aliexpress\.(com|us|ru)$"),
]


class DefaultConfig:
    API_TITLE = "Orderwise"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    MAX_CONTENT_LENGTH = 16 * 1024
    KNOWLEDGE_DIR = None  # None: the knowledge bundled with the package
    # Requests per client, in Flask-Limiter's notation; "off" turns limiting off
    # (the benchmarks do). Several instances share counts through a Redis URI.
    RATE_LIMIT = "120/minute"
    RATE_LIMIT_STORAGE = "memory://"


def create_app(test_config=None):
    """Build the service: defaults, then ORDERWISE_* environment variables, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("ORDERWISE")
    if test_config:
        app.config.update(test_config)

    app.config.update(
        RATELIMIT_ENABLED=str(app.config["RATE_LIMIT"]).lower() != "off",
        RATELIMIT_DEFAULT=app.config["RATE_LIMIT"],
        RATELIMIT_STORAGE_URI=app.config["RATE_LIMIT_STORAGE"],
        RATELIMIT_HEADERS_ENABLED=True,
    )

    # A broken knowledge file stops start-up here, naming the file and the field.
    app.extensions["orderwise"] = Engine(kb.load(app.config["KNOWLEDGE_DIR"]))

    # Used through the module: importing the orderwise.api package below would
    # shadow a name "api" in this module.
    extensions.api.init_app(app)
    # Per client address. Behind a proxy, wrap the app in werkzeug's ProxyFix so
    # that clients are told apart.
    limiter = Limiter(get_remote_address, app=app)
    extensions.cors.init_app(
        app,
        resources={r"/api/*": {"origins": ALLOWED_ORIGINS}},
        allow_headers=["Content-Type", "If-None-Match"],
        expose_headers=["ETag"],
        max_age=600,
    )

    from . import errors, security
    from .api import advice, classify, health, knowledge

    # In the app's context: the document lists the situations and payment
    # methods of the knowledge this app loaded (see api.schemas.KnownKey).
    with app.app_context():
        for module in (health, knowledge, advice, classify):
            extensions.api.register_blueprint(module.blp)
    limiter.exempt(health.blp)  # polled by load balancers
    errors.init_app(app)
    security.init_app(app)
    return app
