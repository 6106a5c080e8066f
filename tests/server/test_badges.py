"""The badge beside each order and the advice once a cancellation request is sent,
as a shopper sees them in the engine's answer (the extension's own composing is
held to the same answers by tests/extension/test_golden.py)."""

import re
import shutil
from datetime import UTC, datetime

import pytest

from orderwise import kb
from orderwise.engine import Engine, offered

KNOWLEDGE = kb.load()
ENGINE = Engine(KNOWLEDGE)
LANGS = ["en", *sorted(KNOWLEDGE.data["translations"])]
# Messages sent with the request (before it exists) by the situations that have one.
BEFORE = [
    s["key"] for s in offered(KNOWLEDGE.data["situations"], "awaiting_shipment") if "before_shipment" in s["messages"]
]
SAYS_SENT = re.compile(r"\bhave (asked|requested)\b")


@pytest.mark.parametrize("status", kb.STATUS_KEYS)
@pytest.mark.parametrize("requested", [False, True])
def test_every_status_has_a_short_badge_in_every_language(status, requested):
    english = ENGINE.advise(status=status, requested=requested)["badge"]
    assert len(english["text"]) <= 28, english["text"]
    for lang in LANGS[1:]:
        badge = ENGINE.advise(status=status, lang=lang, requested=requested)["badge"]
        assert badge["text"] != english["text"], f"{lang}: {status}'s badge is not translated"
        assert "{" not in badge["text"], badge["text"]
        if english["dated"]:
            assert badge["dated"]["deadline"] == english["dated"]["deadline"]
            assert badge["dated"]["text"].count("{due}") == 1, badge["dated"]["text"]


def test_badges_tell_what_the_shopper_can_do():
    badge = {status: ENGINE.advise(status=status)["badge"]["text"] for status in kb.STATUS_KEYS}
    assert badge["unpaid"] == badge["payment_processing"] == "Free to cancel now"
    assert "seller" in badge["awaiting_shipment"]
    assert badge["cancel_requested"].startswith("Requested")
    assert "return" in badge["shipped"] and "return" in badge["completed"]
    assert badge["unknown"] == "Couldn't read status"


@pytest.mark.parametrize("lang", LANGS)
def test_a_cancelled_orders_badge_tells_the_refund_timing_from_the_timelines(lang, tmp_path):
    refund = KNOWLEDGE.data["timelines"]["refund"]
    days = f"{refund['min_business_days']}\u2013{refund['max_business_days']}"
    assert days in ENGINE.advise(status="cancelled", lang=lang)["badge"]["text"]

    directory = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, directory)
    timelines = directory / "timelines.yaml"
    text = timelines.read_text(encoding="utf-8")
    timelines.write_text(text.replace("max_business_days: 20", "max_business_days: 25", 1), encoding="utf-8")
    changed = Engine(kb.load(directory)).advise(status="cancelled", lang=lang)["badge"]["text"]
    assert f"{refund['min_business_days']}\u201325" in changed


@pytest.mark.parametrize(
    ("status", "deadline"),
    [
        ("cancel_requested", "seller_answer"),
        ("cancelled", "refund_due"),
        ("refund_processing", "refund_due"),
        ("completed", "protection_ends"),
        ("delivered", "protection_ends"),
    ],
)
def test_a_badge_with_a_date_leaves_the_relative_time_to_the_browser(status, deadline):
    dated = ENGINE.advise(status=status)["badge"]["dated"]
    assert dated["deadline"] == deadline
    assert "{due}" in dated["text"]
    assert dated["deadline"] in KNOWLEDGE.data["followup"]["deadline_kinds"]


def test_the_request_badge_gets_the_answers_due_time_once_requested():
    before = ENGINE.advise(status="awaiting_shipment")["badge"]
    after = ENGINE.advise(status="awaiting_shipment", requested=True)["badge"]
    assert before["dated"] is None
    assert after["dated"] == {"text": "Requested · answer {due}", "deadline": "seller_answer"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("situation", BEFORE)
def test_before_any_request_the_message_never_says_the_request_was_made(situation, lang):
    advice = ENGINE.advise(status="awaiting_shipment", situation=situation, lang=lang)
    assert advice["requested"] is False
    template = next(s["template"] for s in advice["situations"] if s["key"] == situation)
    assert not SAYS_SENT.search(template), template
    if situation != "seller_asks_cancel":
        assert "I am sending a cancellation request" in template


@pytest.mark.parametrize("situation", BEFORE)
@pytest.mark.parametrize(
    ("status", "query"),
    [
        ("awaiting_shipment", {"requested": True}),
        ("awaiting_shipment", {"requested_at": datetime(2026, 11, 27, 20, tzinfo=UTC)}),
        ("cancel_requested", {}),
    ],
)
def test_after_the_request_the_message_says_it_was_sent(situation, status, query):
    advice = ENGINE.advise(status=status, situation=situation, **query)
    template = next(s["template"] for s in advice["situations"] if s["key"] == situation)
    assert SAYS_SENT.search(template), template
    assert "I am sending" not in template


@pytest.mark.parametrize("lang", LANGS)
def test_after_the_request_the_verdict_says_to_wait(lang):
    before = ENGINE.advise(status="awaiting_shipment", lang=lang)
    after = ENGINE.advise(status="awaiting_shipment", lang=lang, requested=True)
    waiting = ENGINE.advise(status="cancel_requested", lang=lang)
    # The order keeps its own status and verdict key; only the words change.
    assert (after["status"], after["can_cancel"], after["requested"]) == ("awaiting_shipment", "request", True)
    assert after["verdict"] == waiting["verdict"] != before["verdict"]
    assert after["action"]["key"] == "wait_for_seller"
    assert after["steps"] == waiting["steps"]
    assert after["badge"] == waiting["badge"]
    if lang == "en":
        assert "with the seller" in after["verdict"]
        assert any("No answer in time" in step for step in after["steps"])
        assert not any("press Cancel" in step for step in after["steps"])


def test_a_request_flag_changes_nothing_for_an_order_that_has_no_request_to_wait_on():
    for status in ("unpaid", "shipped", "cancelled", "unknown"):
        assert ENGINE.advise(status=status, requested=True) == ENGINE.advise(status=status)
        assert ENGINE.advise(status=status)["requested"] is False


def test_an_order_page_that_shows_the_request_is_waiting_without_being_told():
    assert ENGINE.advise(status="cancel_requested")["requested"] is True
    assert ENGINE.advise(status_text="Cancellation requested")["requested"] is True


def test_the_api_answers_the_waiting_advice_for_a_sent_request(client):
    asked = client.post("/api/v1/advice", json={"status": "awaiting_shipment", "requested": True, "lang": "fr"})
    assert asked.status_code == 200
    body = asked.json
    assert (body["status"], body["can_cancel"], body["requested"]) == ("awaiting_shipment", "request", True)
    assert body["badge"]["dated"]["deadline"] == "seller_answer"
    assert body["badge"] == ENGINE.advise(status="cancel_requested", lang="fr")["badge"]
    before = client.post("/api/v1/advice", json={"status": "awaiting_shipment"}).json
    assert before["requested"] is False and before["badge"]["text"] == "Can request · seller decides"
