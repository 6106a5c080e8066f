"""Schemathesis against the service's own OpenAPI document: every check, 500 examples per operation.

Finds nothing means: no 5xx, every response matches its documented schema and
status codes, valid input (per the document) is accepted and invalid input is
rejected, and a wrong method gets 405 with an Allow header.
"""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from orderwise import create_app, extensions

# The app is built at import, before any fixture runs (schemathesis needs the
# schema to parametrize), so it gets its own database here: the generated
# reports it accepts must not land in the checkout's server/instance/.
STORE = tempfile.TemporaryDirectory(prefix="orderwise-schemathesis-")
app = create_app(
    {"TESTING": True, "RATE_LIMIT": "off", "DATABASE_URL": f"sqlite:///{Path(STORE.name) / 'reports.sqlite3'}"}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@schema.parametrize()
@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_holds_to_its_openapi_document(case):
    """Positive and negative cases, all checks (schemathesis' default for call_and_validate).

    Bodies are asked for uncompressed: the WSGI transport does not undo a gzip
    Content-Encoding as an HTTP client does (test_api checks the gzipped knowledge)."""
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_the_apps_reports_go_to_its_own_temporary_database():
    """Schemathesis posts valid reports; they are written outside the checkout."""
    store = extensions.reports(app)
    assert str(store.engine.url.database).startswith(STORE.name)
    assert not str(store.engine.url.database).startswith(app.instance_path)


def test_the_document_lists_the_loaded_knowledges_keys_and_the_status_rule():
    """A client reading the document knows every valid situation and payment method, and that
    status and status_text exclude each other (so a generated valid request is really valid)."""
    knowledge = extensions.engine(app).knowledge
    query = app.test_client().get("/api/v1/openapi.json").json["components"]["schemas"]["AdviceQuery"]
    assert query["properties"]["situation"]["enum"] == list(knowledge.situations)
    assert query["properties"]["payment_method"]["enum"] == list(knowledge.payment_methods)
    assert query["oneOf"] == [{"required": ["status"]}, {"required": ["status_text"]}]
    assert query["additionalProperties"] is False
    bounded = ("maxLength", "enum", "format")
    assert all(
        any(bound in field for bound in bounded) or field.get("type") == "boolean"
        for field in query["properties"].values()
    )
