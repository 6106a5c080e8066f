"""The HTTP API as the extension and other clients see it."""

import gzip
import json
import logging
from pathlib import Path

import pytest

from orderwise import create_app, extensions, kb, security

EXTENSION = Path(__file__).parents[2] / "extension"
ADVICE = "/api/v1/advice"
ENVELOPE = {"code", "status", "message", "errors"}


def assert_error(response, code):
    assert response.status_code == code
    assert response.mimetype == "application/json"
    assert set(response.json) == ENVELOPE
    assert response.json["code"] == code
    return response.json


def test_health_says_ok_and_names_the_knowledge_version(client, app):
    response = client.get("/api/v1/health")
    assert response.json == {"status": "ok", "version": extensions.engine(app).version}


def test_knowledge_is_served_whole_with_its_version_as_etag(client):
    response = client.get("/api/v1/knowledge")
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{response.json["version"]}"'
    assert response.json == kb.load().data


def test_a_client_that_accepts_gzip_downloads_the_knowledge_compressed(client):
    plain = client.get("/api/v1/knowledge")
    packed = client.get("/api/v1/knowledge", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 4
    assert packed.headers["ETag"] == plain.headers["ETag"]


def test_an_unchanged_knowledge_costs_a_304(client):
    etag = client.get("/api/v1/knowledge").headers["ETag"]
    response = client.get("/api/v1/knowledge", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.data == b""
    assert response.headers["ETag"] == etag
    stale = client.get("/api/v1/knowledge", headers={"If-None-Match": '"0000000000000000"'})
    assert stale.status_code == 200


def test_the_bundled_snapshot_is_the_services_knowledge():
    """The extension works offline from this file: it must say what the service says."""
    shipped = (EXTENSION / "snapshot.json.gz").read_bytes()
    assert json.loads(gzip.decompress(shipped)) == kb.load().data, "run `orderwise export-snapshot` and commit it"
    # The same knowledge always gives the same bytes (level 9, no timestamp): no spurious diffs.
    assert kb.snapshot_gzip(kb.load()) == kb.snapshot_gzip(kb.load())
    assert shipped[4:8] == b"\0\0\0\0"


def test_advice_for_a_paid_order_awaiting_shipment(client):
    response = client.post(ADVICE, json={"status_text": "Processing", "lang": "en", "situation": "wrong_item"})
    assert response.status_code == 200
    advice = response.json
    assert (advice["status"], advice["can_cancel"], advice["situation"]) == (
        "awaiting_shipment",
        "request",
        "wrong_item",
    )
    assert advice["steps"] and advice["warnings"] and advice["sources"]
    wrong_item = next(s for s in advice["situations"] if s["key"] == "wrong_item")
    assert wrong_item["reason"] == "I ordered the wrong product(s)" and wrong_item["fault"] == "buyer"
    assert "{order_id}" in wrong_item["template"]  # filled in by the extension, never by the server


def test_advice_in_the_requested_language_says_which_language_it_served(client):
    spanish = client.post(ADVICE, json={"status_text": "Esperando entrega", "lang": "es-MX"}).get_json()
    assert (spanish["lang"], spanish["status"], spanish["verdict"]) == (
        "es",
        "shipped",
        "Ya se ha enviado, así que no se puede cancelar.",
    )
    german = client.post(ADVICE, json={"status_text": "Versandt", "lang": "de"}).get_json()
    assert (german["lang"], german["status"]) == ("en", "shipped")


def test_the_knowledge_carries_the_translations(client):
    translations = client.get("/api/v1/knowledge").get_json()["translations"]
    assert translations["pt"]["Shipped"] == "Enviado"


def test_advice_dates_the_deadlines_from_the_request_time(client):
    response = client.post(
        ADVICE,
        json={"status": "cancel_requested", "payment_method": "paypal", "requested_at": "2026-11-27T20:00:00+02:00"},
    )
    advice = response.json
    assert advice["deadlines"]["seller_answer"]["latest"] == "2026-11-30T20:00:00+02:00"
    assert advice["refund"]["refund_to"] == "Back to your PayPal account."


def test_a_question_asked_again_gets_the_same_answer_and_each_request_time_its_own_dates(client, app):
    question = {"status_text": "Processing", "lang": "en", "situation": "wrong_item"}
    first, again = client.post(ADVICE, json=question), client.post(ADVICE, json=question)
    assert again.status_code == 200 and again.data == first.data
    assert again.headers["Cache-Control"] == "no-store" and again.mimetype == "application/json"
    dated = {"status": "cancel_requested", "requested_at": "2026-11-27T20:00:00+00:00"}
    later = {**dated, "requested_at": "2026-12-01T09:00:00+00:00"}
    # The seller's 72 hours, counted from each request's own time (none from a cached answer).
    ends = {dated["requested_at"]: "2026-11-30T20:00:00+00:00", later["requested_at"]: "2026-12-04T09:00:00+00:00"}
    for body in (dated, later, dated):
        latest = client.post(ADVICE, json=body).json["deadlines"]["seller_answer"]["latest"]
        assert latest == ends[body["requested_at"]]
    assert client.post(ADVICE, json={**question, "situation": "bored"}).status_code == 422
    kept = len(extensions.answers(app).items)
    padded = client.post(ADVICE, data=json.dumps(question, indent=400), content_type="application/json")
    assert padded.status_code == 200 and padded.data == first.data
    assert len(extensions.answers(app).items) == kept  # a padded body is answered, not kept


def test_a_client_that_accepts_gzip_gets_the_advice_compressed_first_time_and_again(client):
    question = {"status_text": "Awaiting delivery", "lang": "fr", "situation": "changed_mind"}
    answers = [client.post(ADVICE, json=question, headers={"Accept-Encoding": "gzip, deflate, br"}) for _ in "12"]
    plain = client.post(ADVICE, json=question, headers={"Accept-Encoding": "identity"})
    refused = client.post(ADVICE, json=question, headers={"Accept-Encoding": "gzip;q=0, br"})
    assert refused.data == plain.data and "Content-Encoding" not in refused.headers
    for packed in answers:  # answered, then replayed
        assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
        assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2
    assert "Content-Encoding" not in plain.headers


def test_classify_reads_a_status_text(client):
    response = client.post("/api/v1/classify", json={"text": "CANCELLED", "lang": "en"})
    assert response.json == {"status": "cancelled", "confidence": 1.0, "match": "exact"}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (ADVICE, {}, "_schema"),
        (ADVICE, {"status": "unpaid", "status_text": "To pay"}, "_schema"),
        (ADVICE, {"status": "lost"}, "status"),
        (ADVICE, {"status_text": ""}, "status_text"),
        (ADVICE, {"status_text": "x" * 65}, "status_text"),
        (ADVICE, {"status": "unpaid", "order_id": "8190000000000001"}, "order_id"),
        (ADVICE, {"status": "unpaid", "situation": "bored"}, "situation"),
        (ADVICE, {"status": "unpaid", "payment_method": "gold"}, "payment_method"),
        (ADVICE, {"status": "unpaid", "requested_at": "2026-11-27T20:00:00"}, "requested_at"),
        (ADVICE, {"status": "unpaid", "requested_at": "yesterday"}, "requested_at"),
        (ADVICE, {"status": "unpaid", "lang": "english please"}, "lang"),
        (ADVICE, {"status": "awaiting_shipment", "requested": "yes"}, "requested"),
        (ADVICE, {"status": "awaiting_shipment", "requested": 1}, "requested"),
        (ADVICE, {"status": 3}, "status"),
        ("/api/v1/classify", {}, "text"),
        ("/api/v1/classify", {"text": "y" * 65}, "text"),
        ("/api/v1/classify", {"text": ["Processing"]}, "text"),
        ("/api/v1/classify", {"text": "Processing", "store": "Example Store"}, "store"),
    ],
)
def test_invalid_fields_get_422_naming_the_field(client, path, body, field):
    error = assert_error(client.post(path, json=body), 422)
    assert field in error["errors"]["json"]


def test_an_unreadable_body_gets_400(client):
    assert_error(client.post(ADVICE, data="{not json", content_type="application/json"), 400)


def test_an_unknown_address_gets_404_as_json(client):
    assert_error(client.get("/api/v1/orders"), 404)


def test_a_wrong_method_gets_405_with_allow(client):
    response = client.delete(ADVICE)
    assert_error(response, 405)
    assert "POST" in response.headers["Allow"]


def test_a_body_over_16_kib_gets_413(client):
    body = json.dumps({"text": "x" * (16 * 1024)})
    assert_error(client.post("/api/v1/classify", data=body, content_type="application/json"), 413)


def test_a_crash_gets_500_without_a_stack_trace(monkeypatch):
    app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False})

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(extensions.engine(app), "classify", explode)
    response = app.test_client().post("/api/v1/classify", json={"text": "Processing"})
    error = assert_error(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in error["message"]


def test_the_openapi_document_describes_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json
    assert set(spec["paths"]) == {
        "/api/v1/health",
        "/api/v1/ready",
        "/api/v1/knowledge",
        "/api/v1/advice",
        "/api/v1/classify",
        "/api/v1/reports",
    }
    assert "422" in spec["paths"]["/api/v1/advice"]["post"]["responses"]


CHROME_ID = "abcdefghijklmnopabcdefghijklmnop"
FIREFOX_UUID = "0f4b7e4c-1a2b-4c3d-8e9f-0123456789ab"
REPORT = {"text": "Temporarily on hold", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


def cors_headers(response):
    return {name for name in response.headers.keys() if name.startswith("Access-Control-")}


@pytest.mark.parametrize("origin", [f"chrome-extension://{CHROME_ID}", f"moz-extension://{FIREFOX_UUID}"])
def test_cors_allows_the_extension_ids_it_is_given(origin):
    client = create_app({"TESTING": True, "EXTENSION_IDS": f"{CHROME_ID}, {FIREFOX_UUID}"}).test_client()
    response = client.get("/api/v1/knowledge", headers={"Origin": origin})
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert response.headers["Access-Control-Expose-Headers"] == "ETag"  # the worker revalidates with it
    preflight = client.options(
        ADVICE,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize(
    "origin",
    [
        # A script on any AliExpress page: it must not read the knowledge or post
        # reports past the extension's opt-in.
        "https://www.aliexpress.com",
        "https://fr.aliexpress.com",
        "https://www.aliexpress.us",
        "https://aliexpress.ru",
        # Extensions that are not the published ones (none are configured here).
        f"chrome-extension://{CHROME_ID}",
        f"moz-extension://{FIREFOX_UUID}",
        "https://evil.example",
        "https://aliexpress.com.evil.example",
        "http://www.aliexpress.com",
        "chrome-extension://not-an-id",
        "null",
    ],
)
def test_cors_answers_no_page_and_no_extension_it_was_not_given(client, origin):
    response = client.get("/api/v1/knowledge", headers={"Origin": origin})
    assert not cors_headers(response)
    preflight = client.options(
        "/api/v1/reports",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert not cors_headers(preflight)


# The Firefox add-on id, from the one place it is written: Firefox's extension origins are not it.
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
GECKO_ID = MANIFEST["browser_specific_settings"]["gecko"]["id"]


@pytest.mark.parametrize("value", [GECKO_ID, "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", "https://x.example"])
def test_an_extension_id_that_is_not_one_stops_start_up(value):
    with pytest.raises(security.ConfigError, match="ORDERWISE_EXTENSION_IDS"):
        create_app({"TESTING": True, "EXTENSION_IDS": value})


@pytest.mark.parametrize(
    "host",
    ["attacker.example", "attacker.example:5000", "127.0.0.1.nip.io:5000", "localhost.attacker.example", "[::2]:5000"],
)
def test_a_host_it_does_not_answer_to_gets_400_before_any_view_runs(host, app):
    """DNS rebinding: a page whose name now resolves to 127.0.0.1 sends its own name in Host."""
    app.config["REPORT_RATE_LIMIT"] = "2/minute"
    client = app.test_client()
    for path in ("/api/v1/knowledge", "/api/v1/openapi.json", "/api/nowhere"):
        error = assert_error(client.get(path, headers={"Host": host}), 400)
        assert "ORDERWISE_TRUSTED_HOSTS" in error["message"]
    for path in ("/", "/?status=awaiting_shipment", "/nowhere"):  # the phone page: an error page, no advice
        page = client.get(path, headers={"Host": host})
        assert (page.status_code, page.mimetype) == (400, "text/html")
        assert "awaiting" not in page.get_data(as_text=True).lower()
    for _ in range(3):
        assert_error(client.post("/api/v1/reports", json=REPORT, headers={"Host": host}), 400)
    assert_error(client.post(ADVICE, data="not json", headers={"Host": host}), 400)
    # Nothing was stored, and the user's own report limit is untouched.
    assert extensions.reports(app).top() == []
    assert [client.post("/api/v1/reports", json=REPORT).status_code for _ in range(2)] == [201, 200]


@pytest.mark.parametrize(
    "host", ["127.0.0.1:5000", "127.0.0.1", "localhost:8080", "LOCALHOST", "[::1]:5000", "localhost:61234"]
)
def test_the_loopback_names_are_answered_on_any_port(client, host):
    assert client.get("/api/v1/knowledge", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("path", security.HOST_CHECK_EXEMPT)
def test_load_balancer_probes_are_answered_whatever_the_host(app, path):
    assert app.test_client().get(path, headers={"Host": "10.0.3.7:5000"}).status_code == 200


def test_a_hosted_service_answers_its_own_name_and_no_other(monkeypatch):
    monkeypatch.setenv("ORDERWISE_TRUSTED_HOSTS", "orderwise.example, api.orderwise.example")
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/api/v1/knowledge", headers={"Host": "orderwise.example"}).status_code == 200
    assert client.get("/api/v1/knowledge", headers={"Host": "API.orderwise.example:443"}).status_code == 200
    assert_error(client.get("/api/v1/knowledge", headers={"Host": "localhost"}), 400)
    assert_error(client.get("/api/v1/knowledge", headers={"Host": "evil.orderwise.example"}), 400)


@pytest.mark.parametrize("value", ["", "https://orderwise.example", "orderwise.example:443", "*"])
def test_a_trusted_host_that_is_not_a_name_stops_start_up(value):
    with pytest.raises(security.ConfigError, match="ORDERWISE_TRUSTED_HOSTS"):
        create_app({"TESTING": True, "TRUSTED_HOSTS": value})


@pytest.mark.parametrize(
    ("name", "value"), [("ORDERWISE_EXTENSION_IDS", "12345"), ("ORDERWISE_TRUSTED_HOSTS", '{"host": "x.example"}')]
)
def test_a_setting_the_environment_reads_as_json_still_gets_a_clear_error(monkeypatch, name, value):
    """from_prefixed_env reads 12345 as a number and {...} as an object: still the setting's own error."""
    monkeypatch.setenv(name, value)
    with pytest.raises(security.ConfigError, match=name):
        create_app({"TESTING": True})


def test_request_bodies_and_status_texts_are_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "Zqx7 private status"
    client.post(ADVICE, json={"status_text": marker})
    client.post("/api/v1/classify", json={"text": marker, "order": "8190000000000001"})
    client.post(ADVICE, data="{" + marker, content_type="application/json")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert marker not in logged and "8190000000000001" not in logged


def test_a_client_over_the_rate_limit_gets_429_with_retry_after():
    client = create_app({"TESTING": True, "RATE_LIMIT": "3/minute"}).test_client()
    for _ in range(3):
        assert client.post("/api/v1/classify", json={"text": "Processing"}).status_code == 200
    response = client.post("/api/v1/classify", json={"text": "Processing"})
    assert_error(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/api/v1/health").status_code == 200  # health stays reachable


def test_rate_limiting_can_be_turned_off():
    client = create_app({"TESTING": True, "RATE_LIMIT": "off"}).test_client()
    assert all(client.get("/api/v1/knowledge").status_code == 200 for _ in range(200))


def test_a_body_that_is_not_json_gets_415(client):
    assert_error(client.post(ADVICE, data="status=unpaid"), 415)
    assert_error(client.post(ADVICE, data="{}", content_type="text/plain"), 415)


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/knowledge", "/api/v1/openapi.json", "/api/nowhere"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    expected = "no-cache" if path == "/api/v1/knowledge" else "no-store"
    assert response.headers["Cache-Control"] == expected


def test_a_wrong_method_with_a_non_json_body_still_gets_405(client):
    response = client.put("/api/v1/health", data="x", content_type="text/plain")
    assert_error(response, 405)


def test_export_snapshot_writes_the_same_bytes_and_check_catches_a_stale_file(tmp_path):
    """`orderwise export-snapshot` is reproducible, and `--check` fails on a file that says something else."""
    from click.testing import CliRunner

    from orderwise.cli import main

    runner = CliRunner()
    target = tmp_path / "snapshot.json.gz"
    assert runner.invoke(main, ["export-snapshot", "-o", str(target)]).exit_code == 0
    assert target.read_bytes() == (EXTENSION / "snapshot.json.gz").read_bytes()
    assert runner.invoke(main, ["export-snapshot", "-o", str(target), "--check"]).exit_code == 0
    target.write_bytes(gzip.compress(b'{"version":"0"}'))
    stale = runner.invoke(main, ["export-snapshot", "-o", str(target), "--check"])
    assert stale.exit_code == 1 and "out of date" in stale.output
    target.write_bytes(b"not gzip")
    assert runner.invoke(main, ["export-snapshot", "-o", str(target), "--check"]).exit_code == 1
