"""Hosted for everyone: readiness, limits shared through a real Redis, proxies trusted only when
said, two `orderwise serve` processes on one PostgreSQL and one Redis, and a SIGTERM that
finishes the request in flight."""

import logging
import socket
import threading
import time

import psycopg
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from orderwise import create_app, extensions, serving
from orderwise.cli import main

WORD = {"text": "Awaiting platform review", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}
CLASSIFY = ("POST", "/api/v1/classify", {"text": "Awaiting delivery"})


def db_upgrade(url, monkeypatch):
    monkeypatch.setenv("ORDERWISE_DATABASE_URL", url)
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output


def accepts_connections(served):
    try:
        socket.create_connection(("127.0.0.1", served.port), timeout=2).close()
    except OSError:
        return False
    return True


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# Readiness and a store that does not answer, in one process.


def test_ready_says_the_store_answers_and_limits_are_per_instance(client):
    response = client.get("/api/v1/ready")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "database": "ok", "limits": "instance"}
    assert create_app({"TESTING": True, "RATE_LIMIT": "off"}).test_client().get("/api/v1/ready").json["limits"] == "off"


def test_without_the_database_ready_is_503_a_report_503_with_retry_after_and_health_still_200(
    postgresql_server, monkeypatch
):
    url = postgresql_server.create_database("orderwise")
    db_upgrade(url, monkeypatch)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "PROPAGATE_EXCEPTIONS": False})
    client = app.test_client()
    assert client.post("/api/v1/reports", json=WORD).status_code == 201

    postgresql_server.stop()
    ready = client.get("/api/v1/ready")
    assert ready.status_code == 503 and int(ready.headers["Retry-After"]) > 0
    assert ready.json["code"] == 503 and ready.json["message"] == "The report store does not answer."
    report = client.post("/api/v1/reports", json=WORD)
    assert report.status_code == 503 and int(report.headers["Retry-After"]) > 0
    assert set(report.json) == {"code", "status", "message", "errors"}
    assert "not counted" in report.json["message"]
    assert "Traceback" not in report.get_data(as_text=True) and "psycopg" not in report.get_data(as_text=True)
    assert client.get("/api/v1/health").status_code == 200  # liveness does not touch the database

    postgresql_server.start()
    assert client.get("/api/v1/ready").status_code == 200
    assert client.post("/api/v1/reports", json=WORD).json == {"count": 2}
    extensions.reports(app).dispose()


# Limits in Redis.


def limited_app(storage, limit="3/minute"):
    return create_app({"TESTING": True, "RATE_LIMIT": limit, "RATE_LIMIT_STORAGE": storage})


def classify(client):
    return client.post("/api/v1/classify", json={"text": "Awaiting delivery"}).status_code


def test_two_apps_on_one_redis_share_one_count(redis_url):
    first, second = limited_app(redis_url).test_client(), limited_app(redis_url).test_client()
    assert [classify(first), classify(second), classify(first)] == [200, 200, 200]
    assert classify(second) == 429
    assert first.get("/api/v1/ready").json == {"status": "ready", "database": "ok", "limits": "shared"}


def test_with_redis_down_requests_are_answered_limited_in_memory_with_one_warning(redis_server, caplog):
    app = limited_app(redis_server.url)
    client = app.test_client()
    assert classify(client) == 200
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="flask-limiter"):
        # Each instance counts on its own now: the limit still holds here.
        assert [classify(client) for _ in range(4)] == [200, 200, 200, 429]
    warnings = [record for record in caplog.records if record.name == "flask-limiter"]
    assert len(warnings) == 1 and "falling back to in-memory" in warnings[0].getMessage()
    ready = client.get("/api/v1/ready")
    assert ready.status_code == 200
    assert ready.json == {"status": "degraded", "database": "ok", "limits": "degraded"}

    redis_server.start()
    assert client.get("/api/v1/ready").json == {"status": "ready", "database": "ok", "limits": "shared"}


# Proxies, through a real `orderwise serve`.


def forwarded(served, address):
    return served.request(*CLASSIFY, headers={"X-Forwarded-For": address})[0]


def test_with_no_trusted_proxy_a_client_cannot_pick_its_address_to_escape_the_limit(serve):
    served = serve(ORDERWISE_RATE_LIMIT="2/minute")
    assert [forwarded(served, f"203.0.113.{n}") for n in range(3)] == [200, 200, 429]


@pytest.mark.parametrize("hops", [1, 2])
def test_behind_trusted_proxies_each_forwarded_client_has_its_own_limit(serve, hops):
    # Each proxy appends the address it was reached from: through two, the
    # outer one wrote the client's and the inner one (the peer) the outer's, 10.0.0.1.
    inner = ", 10.0.0.1" * (hops - 1)
    served = serve(ORDERWISE_RATE_LIMIT="2/minute", ORDERWISE_TRUSTED_PROXY_COUNT=str(hops))
    assert [forwarded(served, "203.0.113.1" + inner), forwarded(served, "203.0.113.1" + inner)] == [200, 200]
    assert forwarded(served, "203.0.113.1" + inner) == 429
    assert forwarded(served, "203.0.113.2" + inner) == 200
    # What the client wrote before the first trusted proxy's entry does not
    # count: the address that proxy saw is the one limited.
    assert forwarded(served, "198.51.100.7, 203.0.113.1" + inner) == 429


def test_a_proxy_address_that_is_not_the_peer_is_not_trusted(serve):
    served = serve(
        ORDERWISE_RATE_LIMIT="2/minute", ORDERWISE_TRUSTED_PROXY_COUNT="1", ORDERWISE_TRUSTED_PROXY_ADDRESS="192.0.2.1"
    )
    assert [forwarded(served, f"203.0.113.{n}") for n in range(3)] == [200, 200, 429]


def test_the_host_allow_list_judges_the_name_a_trusted_proxy_forwards_and_only_then(serve):
    """Behind its proxy the service is reached at an inner address: the name the shopper asked for
    comes in X-Forwarded-Host, and that is the name ORDERWISE_TRUSTED_HOSTS must allow. Without a
    trusted proxy the header is the client's own word and changes nothing."""
    hosts = "orderwise.example, 127.0.0.1"

    def asked(served, name):
        headers = {"X-Forwarded-For": "203.0.113.1", "X-Forwarded-Proto": "https", "X-Forwarded-Host": name}
        return served.request("GET", "/api/v1/knowledge", headers=headers)[0]

    proxied = serve(ORDERWISE_TRUSTED_PROXY_COUNT="1", ORDERWISE_TRUSTED_HOSTS=hosts)
    assert asked(proxied, "orderwise.example") == 200
    assert asked(proxied, "attacker.example") == 400
    direct = serve(ORDERWISE_TRUSTED_HOSTS=hosts)
    assert asked(direct, "attacker.example") == 200  # its Host, 127.0.0.1, is what counts


@pytest.mark.parametrize(
    ("env", "settings"),
    [
        ({}, {}),
        ({"ORDERWISE_TRUSTED_PROXY_COUNT": "0"}, {}),
        (
            {"ORDERWISE_TRUSTED_PROXY_COUNT": "2"},
            {"trusted_proxy": "*", "trusted_proxy_count": 2, "trusted_proxy_headers": serving.PROXY_HEADERS},
        ),
        (
            {"ORDERWISE_TRUSTED_PROXY_COUNT": "1", "ORDERWISE_TRUSTED_PROXY_ADDRESS": "10.0.0.2"},
            {"trusted_proxy": "10.0.0.2", "trusted_proxy_count": 1, "trusted_proxy_headers": serving.PROXY_HEADERS},
        ),
    ],
)
def test_proxy_settings(env, settings):
    got = serving.proxy_settings(env)
    assert {key: got[key] for key in settings} == settings and bool(got) == bool(settings)


@pytest.mark.parametrize(
    "env",
    [
        {"ORDERWISE_TRUSTED_PROXY_COUNT": "-1"},
        {"ORDERWISE_TRUSTED_PROXY_COUNT": "one"},
        {"ORDERWISE_TRUSTED_PROXY_ADDRESS": "10.0.0.2"},  # a proxy address without a count says nothing
    ],
)
def test_proxy_settings_that_say_nothing_clear_stop_start_up(env, monkeypatch):
    monkeypatch.setattr(serving, "serve", lambda *args, **kwargs: pytest.fail("serve started"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1 and "ORDERWISE_TRUSTED_PROXY" in result.output


def test_serve_on_a_port_another_server_has_says_so_in_one_line(monkeypatch):
    monkeypatch.setattr(serving.wasyncore, "loop", lambda *args, **kwargs: pytest.fail("serve started"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use): another server has it; "
        "choose another port with --port or ORDERWISE_PORT; not starting\n"
    )


# Two instances, one PostgreSQL, one Redis.


def test_two_instances_share_one_postgresql_and_one_redis(serve, postgresql_server, redis_url, monkeypatch):
    url = postgresql_server.create_database("orderwise")
    db_upgrade(url, monkeypatch)
    env = {"ORDERWISE_DATABASE_URL": url, "ORDERWISE_RATE_LIMIT_STORAGE": redis_url, "ORDERWISE_RATE_LIMIT": "4/minute"}
    first, second = serve(**env), serve(**env)
    for served in (first, second):
        assert served.request("GET", "/api/v1/ready")[2] == {"status": "ready", "database": "ok", "limits": "shared"}

    # One limit across both.
    assert [served.request(*CLASSIFY)[0] for served in (first, second, first, second)] == [200] * 4
    assert first.request(*CLASSIFY)[0] == 429 and second.request(*CLASSIFY)[0] == 429

    # A word reported on one is counted on the other.
    assert first.request("POST", "/api/v1/reports", WORD)[::2] == (201, {"count": 1})
    assert second.request("POST", "/api/v1/reports", WORD)[::2] == (200, {"count": 2})

    postgresql_server.stop()
    for served in (first, second):
        status, headers, body = served.request("GET", "/api/v1/ready")
        assert (status, body["code"]) == (503, 503) and "Retry-After" in headers
    status, headers, body = second.request("POST", "/api/v1/reports", WORD)
    assert status == 503 and "Retry-After" in headers and "Traceback" not in str(body)

    postgresql_server.start()
    for served in (first, second):
        assert served.request("GET", "/api/v1/ready")[0] == 200
    assert first.request("POST", "/api/v1/reports", WORD)[::2] == (200, {"count": 3})
    assert [served.stop() for served in (first, second)] == [0, 0]


# Stopping.


def test_sigterm_finishes_the_request_in_flight_then_exits(serve, postgresql_database, monkeypatch):
    db_upgrade(postgresql_database, monkeypatch)
    served = serve(ORDERWISE_DATABASE_URL=postgresql_database)
    answers = []
    url = sa.make_url(postgresql_database)
    with psycopg.connect(
        host=url.query["host"], port=int(url.query["port"]), user="postgres", dbname=url.database
    ) as holder:
        # The test holds the table: the service's report waits on it, in flight.
        holder.execute("LOCK TABLE unknown_word_reports IN ACCESS EXCLUSIVE MODE")
        reporter = threading.Thread(target=lambda: answers.append(served.request("POST", "/api/v1/reports", WORD)))
        reporter.start()
        wait_for(lambda: holder.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0] > 0)

        served.terminate()
        wait_for(lambda: not accepts_connections(served))  # it has stopped taking new ones
        assert served.process.poll() is None, served.log()  # but is still finishing the request
        assert not answers
        holder.commit()  # releases the table
    reporter.join(15)
    assert [(status, body) for status, _, body in answers] == [(201, {"count": 1})]
    assert served.process.wait(15) == 0, served.log()
