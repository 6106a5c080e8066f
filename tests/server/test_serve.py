"""``orderwise serve`` as a maintainer runs it: a real process, set up by its ORDERWISE_* environment."""

import json
import os
import shutil
import subprocess

from servers import ORDERWISE, free_port

from orderwise import kb

REPORT = {"text": "Held at customs", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


def situations(served):
    status, _, body = served.request("GET", "/api/v1/knowledge")
    assert status == 200, body
    return [situation["key"] for situation in body["situations"]]


def test_it_answers_on_the_host_and_port_of_the_environment(serve):
    port = free_port()
    served = serve(ORDERWISE_HOST="127.0.0.1", ORDERWISE_PORT=str(port))
    assert served.url == f"http://127.0.0.1:{port}"
    status, _, body = served.request("GET", "/api/v1/health")
    assert status == 200 and body["status"] == "ok", body
    assert "wrong_item" in situations(served)
    assert f"on http://127.0.0.1:{port}/api/v1/health" in served.log()


def test_the_port_option_wins_over_the_environment(serve):
    port, other = free_port(), free_port()
    served = serve(args=("--port", str(port)), ORDERWISE_PORT=str(other))
    assert served.port == port and served.request("GET", "/api/v1/health")[0] == 200
    assert f":{other}/" not in served.log()


def test_orderwise_knowledge_dir_is_the_knowledge_it_serves(serve, tmp_path):
    edited = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, edited)
    path = edited / "situations.yaml"
    path.write_text(path.read_text().replace("key: wrong_item", "key: wrong_product"))
    served = serve(ORDERWISE_KNOWLEDGE_DIR=str(edited))
    keys = situations(served)
    assert "wrong_product" in keys and "wrong_item" not in keys


def test_a_broken_knowledge_dir_stops_it_with_the_file_named(tmp_path):
    broken = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, broken)
    (broken / "situations.yaml").unlink()
    done = subprocess.run(
        [ORDERWISE, "serve", "--port", str(free_port())],
        env={**os.environ, "ORDERWISE_KNOWLEDGE_DIR": str(broken)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "knowledge base not valid, not starting: situations.yaml: missing" in done.stderr


def test_orderwise_rate_limit_limits_each_client(serve):
    served = serve(ORDERWISE_RATE_LIMIT="2/minute")
    assert [served.request("GET", "/api/v1/knowledge")[0] for _ in range(3)] == [200, 200, 429]
    assert served.request("GET", "/api/v1/health")[0] == 200  # load balancers may always ask


def test_reports_go_to_orderwise_database_url_and_orderwise_reports_reads_them(serve, tmp_path):
    database = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    served = serve(ORDERWISE_DATABASE_URL=database, ORDERWISE_REPORT_RATE_LIMIT="2/minute")
    assert [served.request("POST", "/api/v1/reports", REPORT)[0] for _ in range(3)] == [201, 200, 429]
    assert (tmp_path / "elsewhere.sqlite3").exists()

    listed = subprocess.run(
        [ORDERWISE, "reports", "--json"],
        env={**os.environ, "ORDERWISE_DATABASE_URL": database},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    [row] = json.loads(listed.stdout)
    assert (row["text"], row["count"]) == ("Held at customs", 2)
