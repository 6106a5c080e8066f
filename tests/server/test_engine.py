"""The engine: reading a status text, composing advice, dating deadlines."""

from datetime import date, datetime, timedelta, timezone

import pytest

from orderwise import kb
from orderwise.engine import Classification, Engine, add_business_days, offered

KNOWLEDGE = kb.load()
ENGINE = Engine(KNOWLEDGE)
WORDS = [(w["text"], s["key"]) for s in KNOWLEDGE.data["statuses"] for w in s["words"]]
EVIDENCE = {w["text"]: w["evidence"] for s in KNOWLEDGE.data["statuses"] for w in s["words"]}
PAIRS = [(s, sit["key"]) for s in kb.STATUS_KEYS for sit in offered(KNOWLEDGE.data["situations"], s)]
TZ = timezone(timedelta(hours=2))


@pytest.mark.parametrize(("text", "status"), WORDS)
def test_every_known_word_reads_as_its_status(text, status):
    """Exactly, and as sure as its evidence: a word nobody saw on a real page is a little less sure."""
    result = ENGINE.classify(text)
    assert (result.status, result.match) == (status, "exact")
    assert result.confidence == (0.9 if EVIDENCE[text] == "assumed" else 1.0)


# Words in a script with letter case (Arabic, Hebrew, Chinese, Japanese and Korean have none).
CASED = [(text, status) for text, status in WORDS if text.upper() != text.lower()]


@pytest.mark.parametrize(("text", "status"), CASED)
def test_case_does_not_matter(text, status):
    assert ENGINE.classify(text.upper()).status == status
    assert ENGINE.classify(text.lower()).status == status


@pytest.mark.parametrize(("text", "status"), WORDS)
def test_spacing_and_punctuation_do_not_matter(text, status):
    assert ENGINE.classify(f"  {text}  ").status == status
    assert ENGINE.classify(f"{text}.").status == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Known words, upper case and outer spaces are the tests above.
        ("awaiting\u00a0delivery", "shipped"),
        ("Awaiting  Delivery", "shipped"),
        ("Awaiting deliveryDate: Sep 15, 2026", "shipped"),  # card text that runs together
        ("Заказ отменен", "cancelled"),  # ё printed as е
        ("주문 취소됨", "cancelled"),  # Korean: the source gives only the substring
        ("Ｐｒｏｃｅｓｓｉｎｇ", "awaiting_shipment"),  # full-width letters
    ],
)
def test_the_sites_spelling_variants_are_tolerated(text, status):
    assert ENGINE.classify(text).status == status


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!!", "asdf qwerty", "Pay", "x" * 65, "y" * 10_000, "<script>alert(1)</script>", "\u202e"],
)
def test_garbage_reads_as_unknown_never_as_a_verdict(text):
    assert ENGINE.classify(text) == Classification("unknown", 0.0, None, None)


def test_a_long_text_is_read_by_its_start():
    assert ENGINE.classify("Processing " + "x" * 500).status == "awaiting_shipment"


def test_non_text_reads_as_unknown():
    assert ENGINE.classify(None).status == "unknown"


@pytest.mark.parametrize(("status", "situation"), PAIRS)
def test_every_status_and_situation_gives_complete_advice(status, situation):
    advice = ENGINE.advise(status=status, situation=situation)
    assert advice["status"] == status
    assert advice["can_cancel"] == KNOWLEDGE.statuses[status]["can_cancel"]
    assert advice["verdict"] and advice["steps"]
    assert advice["situation"] == situation
    chosen = next(s for s in advice["situations"] if s["key"] == situation)
    if advice["can_cancel"] in ("yes", "request"):
        assert chosen["reason"] and chosen["fault"] in ("buyer", "seller")
    else:
        assert chosen["reason"] is None  # no cancel form, no reason to pick
    if chosen["template"] is not None:
        assert "{order_id}" in chosen["template"]
    assert [s["key"] for s in advice["situations"]] == [s["key"] for s in offered(KNOWLEDGE.data["situations"], status)]
    assert all(source["url"] is None or source["url"].startswith("https://") for source in advice["sources"])


def test_a_paid_order_awaiting_shipment_gets_a_message_for_every_situation():
    advice = ENGINE.advise(status="awaiting_shipment")
    assert all(s["template"] for s in advice["situations"])


def test_an_unpaid_order_needs_no_message_to_the_seller():
    advice = ENGINE.advise(status="unpaid")
    assert advice["can_cancel"] == "yes"
    assert all(s["template"] is None for s in advice["situations"])


def test_status_text_is_classified_and_its_confidence_reported():
    advice = ENGINE.advise(status_text="Awaiting delivery")
    assert (advice["status"], advice["can_cancel"], advice["confidence"], advice["match"]) == (
        "shipped",
        "no",
        1.0,
        "exact",
    )
    assert any("confirm" in w["text"].lower() for w in advice["warnings"])


def test_an_unreadable_status_gets_no_verdict():
    advice = ENGINE.advise(status_text="Blocked by the moon")
    assert advice["status"] == "unknown" and advice["can_cancel"] == "unknown"
    assert (advice["confidence"], advice["match"]) == (0.0, None)


def test_refund_destination_follows_the_payment_method():
    assert ENGINE.advise(status="cancelled", payment_method="bank_transfer")["refund"]["refund_to"].startswith(
        "To your Alipay account"
    )
    card = ENGINE.advise(status="cancelled", payment_method="card")["refund"]
    assert (card["min_business_days"], card["max_business_days"]) == (3, 15)
    general = ENGINE.advise(status="cancelled")["refund"]
    assert (general["min_business_days"], general["max_business_days"]) == (3, 20)


def test_deadlines_from_the_time_of_the_request():
    friday_evening = datetime(2026, 11, 27, 20, 0, tzinfo=TZ)
    deadlines = ENGINE.advise(status="cancel_requested", requested_at=friday_evening)["deadlines"]
    assert deadlines["seller_answer"] == {
        "earliest": "2026-11-29T20:00:00+02:00",
        "latest": "2026-11-30T20:00:00+02:00",
        "uncertain": True,
    }
    # 3 business days after Friday is Wednesday; 20 after the Monday the answer is due is Dec 28.
    assert (deadlines["refund"]["earliest"], deadlines["refund"]["latest"]) == ("2026-12-02", "2026-12-28")


def test_no_deadlines_for_an_order_that_can_no_longer_be_cancelled():
    advice = ENGINE.advise(status="shipped", requested_at=datetime(2026, 11, 27, tzinfo=TZ))
    assert advice["deadlines"] == {} and advice["refund"] is None


def test_a_request_time_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        ENGINE.advise(status="awaiting_shipment", requested_at=datetime(2026, 11, 27))


@pytest.mark.parametrize("field", ["status", "situation", "payment_method"])
def test_unknown_keys_are_refused(field):
    query = {"status": "unpaid", field: "nonsense"}
    with pytest.raises(ValueError, match="unknown"):
        ENGINE.advise(**query)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 26), 0, date(2026, 11, 26)),  # Thursday, nothing to add
        (date(2026, 11, 26), 1, date(2026, 11, 27)),  # Thursday -> Friday
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday -> Monday, weekend skipped
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Saturday -> Monday
        (date(2026, 11, 29), 5, date(2026, 12, 4)),  # Sunday -> Friday
        (date(2026, 11, 28), 5, date(2026, 12, 4)),  # Saturday -> Friday
        (date(2026, 11, 30), 20, date(2026, 12, 28)),  # four whole weeks
        (date(2026, 1, 29), 3, date(2026, 2, 3)),  # across a month end and a weekend
        (date(2024, 2, 28), 2, date(2024, 3, 1)),  # across a leap day
        (date(2026, 12, 30), 3, date(2027, 1, 4)),  # across the year end
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days) == expected


def test_business_days_agree_with_counting_one_by_one():
    start = date(2026, 1, 1)
    for offset in range(14):
        for days in range(0, 25):
            first = start + timedelta(days=offset)
            current, left = first, days
            while left:
                current += timedelta(days=1)
                left -= current.weekday() < 5
            assert add_business_days(first, days) == current, (first, days)


@pytest.mark.parametrize(
    ("lang", "served", "verdict"),
    [
        ("ru", "ru", "Запросите отмену. Продавец должен её одобрить."),
        ("es-419", "es", "Solicita la cancelación. El vendedor tiene que aprobarla."),
        ("pt-BR", "pt", "Peça o cancelamento. O vendedor precisa aprovar a solicitação."),
        ("fr-CA", "fr", "Demandez l'annulation. Le vendeur doit l'accepter."),
        ("de", "en", "Ask to cancel. The seller has to approve the request."),
        (None, "en", "Ask to cancel. The seller has to approve the request."),
    ],
)
def test_advice_speaks_the_shoppers_language_or_english(lang, served, verdict):
    advice = ENGINE.advise(status="awaiting_shipment", lang=lang, payment_method="card")
    assert (advice["lang"], advice["verdict"]) == (served, verdict)


def test_translated_advice_keeps_the_message_to_the_seller_in_english_with_its_translation_beside():
    english = ENGINE.advise(status="awaiting_shipment")
    french = ENGINE.advise(status="awaiting_shipment", lang="fr", payment_method="paypal")
    wrong_item = next(s for s in french["situations"] if s["key"] == "wrong_item")
    assert wrong_item["label"] == "J'ai commandé le mauvais article (couleur, taille, modèle)"
    assert wrong_item["template"] == next(s for s in english["situations"] if s["key"] == "wrong_item")["template"]
    assert wrong_item["template"].startswith("Hello, I chose the wrong variant in order {order_id}")
    assert wrong_item["template_translation"].startswith(
        "Bonjour, je me suis trompé de variante dans la commande {order_id}"
    )
    assert french["steps"][0] == "Ouvrez la commande avec « Détails » et appuyez sur « Annuler »."
    assert french["windows"]["refund"]["label"] == "Délai pour recevoir un remboursement"
    assert french["refund"]["refund_to"] == "Sur votre compte PayPal."
    assert all(s["template_translation"] is None for s in english["situations"])


@pytest.mark.parametrize("key", kb.STATUS_KEYS)
def test_the_advice_cites_the_sources_of_its_steps(key):
    """A step's number comes with the page that states it, in the advice's one list of sources, in every language."""
    status = KNOWLEDGE.statuses[key]
    for requested in (False, True):
        shown = KNOWLEDGE.statuses.get(status["once_requested"]) if requested and status["once_requested"] else status
        wanted = {i for step in shown["action"]["steps"] for i in step["sources"]}
        for lang in ("en", *KNOWLEDGE.data["translations"]):
            advice = ENGINE.advise(status=key, lang=lang, requested=requested)
            assert wanted <= {source["id"] for source in advice["sources"]}, (key, lang, requested)
