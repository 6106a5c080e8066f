"""Advice at the edges: money on its way back, frozen orders, closed disputes, partial shipments.

The examples are the issue's table: each is a whole status as a page shows it,
so it must be one of the knowledge's own words (an exact match), whatever the
engine does with partial matches.
"""

import pytest

from orderwise import kb

ADVICE = "/api/v1/advice"
CLASSIFY = "/api/v1/classify"
ADVICE_LANGS = ("en", "ru", "es", "pt", "fr")

EXAMPLES = [
    ("Fund Processing", "refund_processing", "no"),
    ("Refund processing", "refund_processing", "no"),
    ("Processing refund", "refund_processing", "no"),
    ("Refund in progress", "refund_processing", "no"),
    ("Refund completed", "refund_processing", "no"),
    ("Refunded", "refund_processing", "no"),
    ("Frozen", "frozen", "no"),
    ("Dispute closed", "dispute_closed", "no"),
    ("Спор закрыт", "dispute_closed", "no"),
    ("Partial Shipment", "partially_shipped", "no"),
    ("취소 신청", "cancel_requested", "request"),
    ("Awaiting confirmation of receipt", "shipped", "no"),
    ("Esperando envío", "awaiting_shipment", "request"),
    ("Ожидание отправки", "awaiting_shipment", "request"),
    ("Cancelada", "cancelled", "no"),
]

NEW_STATUSES = ("refund_processing", "frozen", "dispute_closed", "partially_shipped")


@pytest.fixture(scope="module")
def knowledge():
    return kb.load()


@pytest.mark.parametrize(("text", "key", "can_cancel"), EXAMPLES)
def test_each_example_is_a_word_of_its_status(knowledge, text, key, can_cancel):
    variants = knowledge.data["spelling_variants"]
    owners = {
        kb.normalize(word["text"], variants): status["key"]
        for status in knowledge.data["statuses"]
        for word in status["words"]
    }
    assert owners.get(kb.normalize(text, variants)) == key
    assert knowledge.statuses[key]["can_cancel"] == can_cancel


@pytest.mark.parametrize(("text", "key", "can_cancel"), EXAMPLES)
def test_each_example_gives_its_status_and_verdict_through_the_api(client, text, key, can_cancel):
    assert client.post(CLASSIFY, json={"text": text}).json["status"] == key
    advice = client.post(ADVICE, json={"status_text": text}).json
    assert (advice["status"], advice["can_cancel"]) == (key, can_cancel)


def test_a_waiting_list_is_not_a_cancellation_request(knowledge):
    words = {word["text"] for status in knowledge.data["statuses"] for word in status["words"]}
    assert "キャンセル待ち" not in words


def test_partial_shipment_is_no_longer_read_as_shipped(knowledge):
    shipped = {word["text"].lower() for word in knowledge.statuses["shipped"]["words"]}
    assert not {"partial shipment", "partially shipped"} & shipped


@pytest.mark.parametrize("lang", ADVICE_LANGS)
@pytest.mark.parametrize("key", NEW_STATUSES)
def test_each_new_status_is_advised_in_each_advice_language(client, key, lang):
    english = client.post(ADVICE, json={"status": key}).json
    advice = client.post(ADVICE, json={"status": key, "lang": lang}).json
    assert advice["lang"] == lang and advice["can_cancel"] == "no"
    assert advice["steps"] and advice["avoid"] and advice["warnings"] and advice["sources"]
    texts = [advice["label"], advice["verdict"], advice["action"]["label"], *advice["steps"], *advice["avoid"]]
    texts += [warning["text"] for warning in advice["warnings"]]
    if lang != "en":
        originals = [english["label"], english["verdict"], english["action"]["label"], *english["steps"]]
        originals += english["avoid"] + [warning["text"] for warning in english["warnings"]]
        assert not set(texts) & set(originals), "an English text left untranslated"


def test_money_on_its_way_says_how_long_where_and_in_which_direction(client):
    advice = client.post(ADVICE, json={"status": "refund_processing", "payment_method": "card"}).json
    text = " ".join(advice["steps"] + [w["text"] for w in advice["warnings"]])
    assert "3 to 20 business days" in text and "1 to 10" in text  # both sources, as a range
    assert "7 to 15" in text  # the bank's own clock after "Refund completed"
    assert "seller" in advice["verdict"] and "15 days" in text  # after receipt: the seller is paid
    assert advice["refund"]["refund_to"] == "Back to the same card."


def test_a_frozen_order_says_how_it_ends_and_what_not_to_do(client):
    advice = client.post(ADVICE, json={"status": "frozen"}).json
    steps = " ".join(advice["steps"])
    assert "chargeback" in steps and "full refund" in steps
    assert any("confirm receipt" in line for line in advice["avoid"])


def test_a_closed_dispute_names_the_routes_after_it(client):
    advice = client.post(ADVICE, json={"status": "dispute_closed"}).json
    steps = " ".join(advice["steps"])
    for route in ("PayPal", "180 days", "chargeback", "120 to 540", "14 days", "Procon"):
        assert route in steps, route
    assert any("second dispute" in line for line in advice["avoid"])


def test_a_partial_shipment_says_what_the_evidence_does_not_show(client):
    advice = client.post(ADVICE, json={"status": "partially_shipped", "situation": "changed_mind"}).json
    assert advice["stage"] == "after_shipment" and "No source" in advice["verdict"]
    assert any("every parcel" in line for line in advice["avoid"])
    situation = next(s for s in advice["situations"] if s["key"] == "changed_mind")
    assert situation["template"] and "{order_id}" in situation["template"]
