"""The Flask extensions, all set up here and bound to one app by ``init_app``.

Flask-CORS keeps nothing of an app on its instance, so one serves every app.
flask-smorest's Api keeps the OpenAPI document on its instance (each app
documents the situations and payment methods of its own knowledge), and
Flask-Limiter what it read from the app's config and the counts themselves: so
each app gets an Api and a Limiter of its own, and two apps in one process
share nothing.

What an app keeps in ``app.extensions`` under our name is spelled
``orderwise_<what>``; the functions below read it back.
"""

from apispec import BasePlugin
from flask import current_app
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api

ENGINE = "orderwise_engine"
ANSWERS = "orderwise_answers"
REPORTS = "orderwise_reports"
LIMITER = "orderwise_limiter"
TRUSTED_HOSTS = "orderwise_trusted_hosts"

cors = CORS()


class SchemaExtrasPlugin(BasePlugin):
    """Adds a schema class's ``openapi_extra`` to its OpenAPI component (see StrictSchema)."""

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        schema_class = schema if isinstance(schema, type) else type(schema)
        return getattr(schema_class, "openapi_extra", None)


def init_app(app):
    """Bind the extensions to ``app``; returns its Api, where the blueprints go."""
    from . import security  # which reads its key from here

    api = Api(app, spec_kwargs={"extra_plugins": [SchemaExtrasPlugin()]})
    # Per client address: behind proxies, `orderwise serve` has waitress put the
    # client's address there (ORDERWISE_TRUSTED_PROXY_COUNT, see serving.py).
    app.extensions[LIMITER] = Limiter(get_remote_address, app=app)
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": security.extension_origins(app.config["EXTENSION_IDS"])}},
        allow_headers=["Content-Type", "If-None-Match"],
        expose_headers=["ETag"],
        max_age=600,
    )
    return api


def engine(app=None):
    """The app's Engine: the knowledge it loaded, and the advice chosen from it."""
    return (app or current_app).extensions[ENGINE]


def answers(app=None):
    """The app's kept advice answers (see answers.Answers)."""
    return (app or current_app).extensions[ANSWERS]


def reports(app=None):
    """The app's ReportStore."""
    return (app or current_app).extensions[REPORTS]


def limiter(app=None):
    return (app or current_app).extensions[LIMITER]
