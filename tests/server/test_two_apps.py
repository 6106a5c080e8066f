"""Two services in one process (as the tests make them, or one WSGI server hosting
two) share nothing: each documents its own knowledge, counts its own clients'
requests and keeps its own answers."""

import shutil

from orderwise import create_app, kb

ADVICE = "/api/v1/advice"


def documented_situations(app):
    spec = app.test_client().get("/api/v1/openapi.json").json
    return spec["components"]["schemas"]["AdviceQuery"]["properties"]["situation"]["enum"]


def test_two_apps_in_one_process_keep_their_own_document_limit_counts_and_answers(tmp_path):
    edited_dir = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, edited_dir)
    situations = edited_dir / "situations.yaml"
    situations.write_text(situations.read_text(encoding="utf-8").replace("key: wrong_item", "key: wrong_product", 1))
    limited = {"TESTING": True, "RATE_LIMIT": "2/minute"}
    bundled, edited = create_app(limited), create_app({**limited, "KNOWLEDGE_DIR": str(edited_dir)})

    assert "wrong_item" in documented_situations(bundled) and "wrong_product" not in documented_situations(bundled)
    assert "wrong_product" in documented_situations(edited) and "wrong_item" not in documented_situations(edited)

    # The bundled app answers a question and keeps the answer; the edited app
    # knows no such situation, whatever the other app kept.
    question = {"status": "unpaid", "situation": "wrong_item"}
    assert bundled.test_client().post(ADVICE, json=question).json["situation"] == "wrong_item"
    assert edited.test_client().post(ADVICE, json=question).status_code == 422

    # Each app has counted one advice request from this client: the bundled
    # app's limit runs out first and alone.
    assert bundled.test_client().post(ADVICE, json=question).status_code == 200
    assert bundled.test_client().post(ADVICE, json=question).status_code == 429
    answer = edited.test_client().post(ADVICE, json={**question, "situation": "wrong_product"})
    assert answer.status_code == 200 and answer.json["situation"] == "wrong_product"
    assert edited.test_client().post(ADVICE, json=question).status_code == 429
