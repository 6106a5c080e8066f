"""Flask extensions: CORS, created unbound and attached in ``create_app``, and the OpenAPI one."""

from apispec import BasePlugin
from flask_cors import CORS
from flask_smorest import Api


class SchemaExtrasPlugin(BasePlugin):
    """Adds a schema class's ``openapi_extra`` to its OpenAPI component (see StrictSchema)."""

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        schema_class = schema if isinstance(schema, type) else type(schema)
        return getattr(schema_class, "openapi_extra", None)


def make_api(app):
    """flask-smorest's Api for one app: it keeps the OpenAPI document on the instance,
    and each app documents the situations and payment methods of its own knowledge."""
    return Api(app, spec_kwargs={"extra_plugins": [SchemaExtrasPlugin()]})


cors = CORS()
# Flask-Limiter also keeps what it read from one app's config on the instance,
# so create_app makes one per app too.
