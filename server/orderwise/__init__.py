"""Orderwise: the advice service behind the Orderwise browser extension."""

from flask import Flask

from . import db, extensions, kb, ratelimits, reports, security
from .answers import Answers
from .api import WireJSONProvider
from .engine import Engine


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
    # Reports of unknown words: stricter, they are written to the database.
    REPORT_RATE_LIMIT = "10/minute"
    # None: SQLite in the instance folder; or a SQLAlchemy URL such as
    # postgresql://user:password@host/orderwise (psycopg 3).
    DATABASE_URL = None
    # At start-up, SQLite's schema is upgraded and any other database's must be
    # current (see db.py); `orderwise db upgrade` turns this off to do it itself.
    CHECK_SCHEMA = True
    # Host names the service answers to (see security.check_host), and the extension
    # ids whose pages may call it from a browser (none: the worker needs no CORS).
    TRUSTED_HOSTS = security.LOOPBACK_HOSTS
    EXTENSION_IDS = ()


def create_app(test_config=None):
    """Build the service: defaults, then ORDERWISE_* environment variables, then ``test_config``."""
    app = Flask(__name__, instance_relative_config=True)
    app.json = WireJSONProvider(app)
    app.config.from_object(DefaultConfig)
    app.config.from_prefixed_env("ORDERWISE")
    if test_config:
        app.config.update(test_config)

    app.config.update(
        RATELIMIT_ENABLED=str(app.config["RATE_LIMIT"]).lower() != "off",
        RATELIMIT_DEFAULT=app.config["RATE_LIMIT"],
        RATELIMIT_STORAGE_URI=app.config["RATE_LIMIT_STORAGE"],
        RATELIMIT_HEADERS_ENABLED=True,
        **ratelimits.storage_config(app.config["RATE_LIMIT_STORAGE"]),
    )

    # A broken knowledge file stops start-up here, naming the file and the field.
    app.extensions[extensions.ENGINE] = Engine(kb.load(app.config["KNOWLEDGE_DIR"]))
    app.extensions[extensions.ANSWERS] = Answers()

    store = reports.ReportStore(reports.database_url(app.config["DATABASE_URL"], app.instance_path))
    if app.config["CHECK_SCHEMA"]:
        try:
            if store.engine.dialect.name == "sqlite":
                db.upgrade(store.engine)
            else:
                db.require_current(store.engine)  # db.SchemaError names `orderwise db upgrade`
        except Exception:
            store.dispose()  # no pooled connection left behind for the garbage collector
            raise
    app.extensions[extensions.REPORTS] = store

    openapi = extensions.init_app(app)
    limiter = extensions.limiter(app)

    from . import errors, web
    from .api import advice, classify, health, knowledge, ready
    from .api import reports as reports_api

    # In the app's context: the document lists the situations and payment
    # methods of the knowledge this app loaded (see api.schemas.KnownKey).
    with app.app_context():
        for module in (health, ready, knowledge, advice, classify, reports_api):
            openapi.register_blueprint(module.blp)
    app.register_blueprint(web.blp)  # the phone page: HTML, outside the API and its document
    limiter.exempt(health.blp)  # polled by load balancers
    limiter.exempt(ready.blp)
    # Instead of the default limit, not on top of it.
    limiter.limit(lambda: app.config["REPORT_RATE_LIMIT"])(reports_api.blp)
    errors.init_app(app)
    security.init_app(app)
    return app
