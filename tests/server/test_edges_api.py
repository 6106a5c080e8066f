"""The edge statuses through the service in the page's language: every example page text
gets its status and verdict from POST /api/v1/classify and POST /api/v1/advice, with how it
matched (test_edge_advice.py holds them as words of the knowledge)."""

import pytest

from orderwise import kb

# (page text, page language, the statuses that are right, can_cancel)
EXAMPLES = [
    ("Fund Processing", "en", {"refund_processing"}, "no"),
    ("Refund processing", "en", {"refund_processing"}, "no"),
    ("Processing refund", "en", {"refund_processing"}, "no"),
    ("Refund in progress", "en", {"refund_processing"}, "no"),
    ("Refund completed", "en", {"refund_processing", "cancelled"}, "no"),
    ("Refunded", "en", {"refund_processing", "cancelled"}, "no"),
    ("Frozen", "en", {"frozen"}, "no"),
    ("Dispute closed", "en", {"dispute_closed"}, "no"),
    ("Спор закрыт", "ru", {"dispute_closed"}, "no"),
    ("Partial Shipment", "en", {"partially_shipped"}, "no"),
    ("취소 신청", "ko", {"cancel_requested"}, "request"),
    ("Awaiting confirmation of receipt", "en", {"shipped", "delivered"}, "no"),
    ("Esperando envío", "es", {"awaiting_shipment"}, "request"),
    ("Ожидание отправки", "ru", {"awaiting_shipment"}, "request"),
    ("Cancelada", "es", {"cancelled"}, "no"),
]


@pytest.mark.parametrize(("text", "lang", "statuses", "can_cancel"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_example_classifies_to_its_status(client, text, lang, statuses, can_cancel):
    answer = client.post("/api/v1/classify", json={"text": text, "lang": lang}).json
    assert answer["status"] in statuses
    assert answer["match"] == "exact"  # a whole status as a page shows it
    assert answer["confidence"] in (1.0, 0.9)


@pytest.mark.parametrize(("text", "lang", "statuses", "can_cancel"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_example_gets_its_verdict_as_advice_in_the_pages_language(client, text, lang, statuses, can_cancel):
    answer = client.post("/api/v1/advice", json={"status_text": text, "lang": lang}).json
    assert answer["status"] in statuses
    assert answer["can_cancel"] == can_cancel
    assert answer["lang"] == (lang if lang in kb.load().data["translations"] else "en")


@pytest.mark.parametrize(
    ("text", "match"),
    [("Processing", "exact"), ("Funds being processed, 2 of 3", "partial"), ("Pending review by the moon", None)],
)
def test_classify_says_how_the_text_matched(client, text, match):
    answer = client.post("/api/v1/classify", json={"text": text}).json
    assert answer["match"] == match
    assert answer["status"] != "awaiting_shipment" or match == "exact"
