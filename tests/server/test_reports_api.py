"""POST /api/v1/reports: what it takes, what it refuses, and that it counts."""

import logging

import pytest
from flask import Flask
from test_api import assert_error

from orderwise import create_app, db, extensions, reports
from orderwise.api import schemas

REPORTS = "/api/v1/reports"
REPORT = {"text": "Temporarily on hold", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


def stored(app):
    return extensions.reports(app).top()


def test_a_first_report_is_created_and_a_second_one_counted(client, app):
    first = client.post(REPORTS, json=REPORT)
    assert (first.status_code, first.json) == (201, {"count": 1})
    again = client.post(REPORTS, json={**REPORT, "text": "temporarily ON HOLD"})
    assert (again.status_code, again.json) == (200, {"count": 2})
    [report] = stored(app)
    assert (report.text, report.lang, report.host, report.page_kind, report.count) == (
        "Temporarily on hold",
        "en",
        "www.aliexpress.com",
        "detail",
        2,
    )


@pytest.mark.parametrize("host", ["www.aliexpress.com", "es.aliexpress.com", "aliexpress.ru", "www.aliexpress.us"])
@pytest.mark.parametrize("page_kind", ["list", "detail"])
def test_every_storefront_and_page_kind_is_taken(client, host, page_kind):
    assert client.post(REPORTS, json={**REPORT, "host": host, "page_kind": page_kind}).status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", ""),
        ("text", "x" * 65),
        ("text", 42),
        ("lang", "english"),
        ("lang", "en_US"),
        ("lang", "en\n"),
        ("host", "evil.example.com"),
        ("host", "aliexpress.com.evil.example"),
        ("host", "https://www.aliexpress.com"),
        ("host", "www.aliexpress.com:443"),
        ("host", "www.aliexpress.com\n"),
        ("host", "WWW.ALIEXPRESS.COM"),
        ("page_kind", "cart"),
        ("page_kind", ""),
    ],
)
def test_a_field_that_is_not_valid_gets_422_naming_it(client, app, field, value):
    body = assert_error(client.post(REPORTS, json={**REPORT, field: value}), 422)
    assert list(body["errors"]["json"]) == [field]
    assert stored(app) == []


@pytest.mark.parametrize("field", ["text", "lang", "host", "page_kind"])
def test_every_field_is_required(client, field):
    body = assert_error(client.post(REPORTS, json={k: v for k, v in REPORT.items() if k != field}), 422)
    assert list(body["errors"]["json"]) == [field]


@pytest.mark.parametrize("extra", ["order_id", "store", "name", "address", "user_agent"])
def test_any_other_field_is_refused_and_nothing_is_stored(client, app, extra):
    body = assert_error(client.post(REPORTS, json={**REPORT, extra: "8190000000000001"}), 422)
    assert extra in body["errors"]["json"]
    assert stored(app) == []


def test_64_characters_are_taken():
    # The limit is the extension's: it cuts the text to 64 characters.
    client = create_app({"TESTING": True}).test_client()
    assert client.post(REPORTS, json={**REPORT, "text": "é" * 64}).status_code == 201


def test_reports_have_a_stricter_rate_limit_than_the_other_calls():
    app = create_app({"TESTING": True, "REPORT_RATE_LIMIT": "2/minute", "RATE_LIMIT": "100/minute"})
    client = app.test_client()
    assert [client.post(REPORTS, json=REPORT).status_code for _ in range(2)] == [201, 200]
    response = client.post(REPORTS, json=REPORT)
    assert_error(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    assert stored(app)[0].count == 2  # the refused one was not counted
    assert client.post("/api/v1/classify", json={"text": "Processing"}).status_code == 200


def test_the_default_report_limit_is_10_a_minute(client):
    codes = [client.post(REPORTS, json=REPORT).status_code for _ in range(11)]
    assert codes[:10] == [201] + [200] * 9 and codes[10] == 429


def test_report_texts_are_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "Zqx7 private status"
    client.post(REPORTS, json={**REPORT, "text": marker})
    client.post(REPORTS, json={**REPORT, "text": marker})
    client.post(REPORTS, json={**REPORT, "text": marker, "order_id": "8190000000000001"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert marker not in logged and "8190000000000001" not in logged


def test_without_a_database_url_reports_go_to_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("ORDERWISE_DATABASE_URL")
    instance = tmp_path / "instance"  # not there yet: start-up makes it
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    client = create_app({"TESTING": True}).test_client()
    assert (instance / "reports.sqlite3").is_file()
    assert client.post(REPORTS, json=REPORT).status_code == 201


# Texts a hostile page (or anyone who can reach the service) may send. Each is refused
# before it reaches the database, so none can fail a write (PostgreSQL refuses NUL, a
# UTF-8 encoder a lone surrogate) or reach a maintainer's terminal.
HOSTILE_TEXTS = {
    "NUL": "On hold\x00",
    "lone surrogate": "On hold \ud800",
    "right-to-left override": "On \u202edloh",
    "bidi isolate": "\u2067On hold\u2069",
    "right-to-left mark": "On hold\u200f",
    "C1 control (CSI)": "On hold\x9b2J",
    "escape sequence": "\x1b[2JOn hold",
    "line break": "On hold\n",
    "tab": "On\thold",
    "zero-width space": "On\u200bhold",
    "line separator": "On\u2028hold",
    "byte order mark": "\ufeffOn hold",
}


def upgraded(url):
    """A PostgreSQL database brought to the current schema, as `orderwise db upgrade` does: its URL."""
    store = reports.ReportStore(url)
    db.upgrade(store.engine)
    store.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_app(request, reports_database):
    url = reports_database
    if request.param == "postgresql":
        url = upgraded(request.getfixturevalue("postgresql_database"))
    app = create_app({"TESTING": True, "DATABASE_URL": url, "RATE_LIMIT": "off"})
    yield app
    extensions.reports(app).dispose()


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_control_and_format_characters_and_lone_surrogates_get_422(database_app, text):
    client = database_app.test_client()
    body = assert_error(client.post(REPORTS, json={**REPORT, "text": text}), 422)
    assert list(body["errors"]["json"]) == ["text"]
    assert stored(database_app) == []


@pytest.mark.parametrize("text", ["Ожидает оплаты", "في انتظار الدفع", "支払い待ち", "Czeka na płatność", "On hold 🙂"])
def test_words_of_every_script_are_taken(database_app, text):
    assert database_app.test_client().post(REPORTS, json={**REPORT, "text": text}).status_code == 201
    assert stored(database_app)[0].text == text


def test_the_document_states_the_character_rule(client):
    text = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Report"]["properties"]["text"]
    assert text["pattern"].startswith("^[^\\u0000-\\u001f\\u007f-\\u009f")
    assert "\\u202a" in text["pattern"] or "-\\u202e" in text["pattern"]


def test_a_database_error_does_not_carry_the_report_into_the_log(postgresql_database, monkeypatch, caplog):
    """Should a text the database refuses get past the schema, the 500 and its log hold no report text."""
    monkeypatch.setattr(schemas.PlainText, "__call__", lambda self, value: value)
    app = create_app({"TESTING": False, "DATABASE_URL": upgraded(postgresql_database), "RATE_LIMIT": "off"})
    caplog.set_level(logging.DEBUG)
    marker = "Zqx7 private status"
    try:
        response = app.test_client().post(REPORTS, json={**REPORT, "text": f"{marker}\x00"})
    finally:
        extensions.reports(app).dispose()
    assert_error(response, 500)
    logged = "\n".join(record.getMessage() + str(record.exc_info and record.exc_info[1]) for record in caplog.records)
    assert "DataError" in logged and "hide_parameters" in logged  # the failure itself is logged
    assert marker not in logged
