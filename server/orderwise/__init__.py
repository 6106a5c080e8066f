"""Orderwise: the advice service behind the Orderwise browser extension."""

import re

from flask import Flask

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


def create_app(test_config=None):
    """Build the service: defaults, then ORDERWISE_* environment variables, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("ORDERWISE")
    if test_config:
        app.config.update(test_config)

    # A broken knowledge file stops start-up here, naming the file and the field.
    app.extensions["orderwise"] = Engine(kb.load(app.config["KNOWLEDGE_DIR"]))

    # Used through the module: importing the orderwise.api package below would
    # shadow a name "api" in this module.
    extensions.api.init_app(app)
    extensions.cors.init_app(
        app,
        resources={r"/api/*": {"origins": ALLOWED_ORIGINS}},
        allow_headers=["Content-Type", "If-None-Match"],
        expose_headers=["ETag"],
        max_age=600,
    )

    from . import errors
    from .api import advice, classify, health, knowledge

    for module in (health, knowledge, advice, classify):
        extensions.api.register_blueprint(module.blp)
    errors.init_app(app)
    return app
