"""The knowledge files: what they must hold, and how a broken one stops start-up."""

import gzip
import json
import shutil
from datetime import date
from urllib.parse import urlsplit

import pytest

from orderwise import create_app, engine, kb

REQUIRED_SITUATIONS = {
    "changed_mind",
    "better_offer",
    "wrong_item",
    "wrong_address",
    "duplicate_order",
    "seller_late",
    "paid_twice",
}


@pytest.fixture(scope="module")
def knowledge():
    return kb.load()


def test_every_status_the_extension_relies_on_is_there(knowledge):
    assert set(knowledge.statuses) == set(kb.STATUS_KEYS)


@pytest.mark.parametrize(
    ("key", "can_cancel"),
    [
        ("unpaid", "yes"),
        ("awaiting_shipment", "request"),
        ("shipped", "no"),
        ("cancelled", "no"),
        ("unknown", "unknown"),
    ],
)
def test_cancel_verdicts_follow_the_policy(knowledge, key, can_cancel):
    assert knowledge.statuses[key]["can_cancel"] == can_cancel


def test_the_sites_own_words_map_closed_and_processing(knowledge):
    words = {w["text"]: status["key"] for status in knowledge.data["statuses"] for w in status["words"]}
    assert words["Closed"] == "cancelled"
    assert words["Processing"] == "awaiting_shipment"


def test_every_situation_has_a_reason_and_its_messages_name_the_order(knowledge):
    assert REQUIRED_SITUATIONS <= set(knowledge.situations)
    for situation in knowledge.data["situations"]:
        assert situation["reason"]["fault"] in ("buyer", "seller")
        for template in situation["messages"].values():
            assert "{order_id}" in template, situation["key"]
    # A situation that only a shipped order can be in has no message before shipment.
    for key in REQUIRED_SITUATIONS:
        assert "{order_id}" in knowledge.situations[key]["messages"]["before_shipment"], key


def test_seller_fault_reasons_say_they_penalise_the_seller(knowledge):
    for situation in knowledge.data["situations"]:
        if situation["reason"]["fault"] == "seller":
            assert "blames the seller" in situation["note"], situation["key"]


def test_both_seller_reply_windows_are_carried(knowledge):
    reply = knowledge.data["timelines"]["seller_reply"]
    assert (reply["min_hours"], reply["max_hours"], reply["uncertain"]) == (48, 72, True)


@pytest.mark.parametrize(
    ("method", "goes_to"),
    [
        ("card", "card"),
        ("paypal", "PayPal"),
        ("cash", "Alipay"),
        ("western_union", "Alipay"),
        ("bank_transfer", "Alipay"),
        ("cash_on_delivery", "voucher"),
    ],
)
def test_refund_destination_by_payment_method(knowledge, method, goes_to):
    assert goes_to in knowledge.payment_methods[method]["refund_to"]


def test_every_fact_names_a_source(knowledge):
    for status in knowledge.data["statuses"]:
        if status["key"] != "unknown":
            assert status["sources"], status["key"]
        for word in status["words"]:
            assert word["evidence"] in kb.WORD_EVIDENCE and word["sources"]
        for warning in status["warnings"]:
            assert warning["sources"]


def test_every_source_address_names_a_page(knowledge):
    """A bare site (https://example.com/) can't be checked; a source with no address says why in its title."""
    for source in knowledge.data["sources"]:
        if source["url"]:
            parts = urlsplit(source["url"])
            assert parts.path.strip("/") or parts.query, source["id"]
        else:
            assert source["evidence"] == "unsourced" or "address" in source["title"], source["id"]


# The words the references (aliexpress-pages.md, aliexpress-edges.md) confirm on
# real order pages. "Awaiting receipt" is only one scraper's candidate there.
SEEN_ON_REAL_PAGES = {
    ("en", "To pay"),
    ("en", "Awaiting payment"),
    ("en", "Processing"),
    ("en", "To ship"),
    ("en", "Awaiting delivery"),
    ("en", "Completed"),
    ("en", "Finished"),
    ("en", "Canceled"),
    ("en", "Closed"),
    ("ru", "Завершён"),
    ("ru", "Получено подтверждение"),
    ("ru", "Заказ отменён"),
    ("ru", "Заказ не отправлен"),
    ("ru", "Спор закрыт"),
    ("ko", "취소"),
}


def test_a_word_is_seen_only_where_the_references_show_it_on_a_real_page(knowledge):
    seen = {
        (word["lang"], word["text"])
        for status in knowledge.data["statuses"]
        for word in status["words"]
        if word["evidence"] == "seen"
    }
    assert seen <= SEEN_ON_REAL_PAGES


def test_a_checked_date_is_a_date_or_empty(knowledge):
    for source in knowledge.data["sources"]:
        assert source["checked"] is None or date.fromisoformat(source["checked"]) <= date.today(), source["id"]


def test_the_version_is_a_content_hash(broken):
    assert kb.load().version == kb.load().version
    changed = broken("statuses.yaml", "{text: To pay, lang: en", "{text: To pay now, lang: en")
    assert kb.load(changed).version != kb.load().version


LANGUAGES = ("en", "ru", "es", "pt", "fr", "de", "it", "pl", "tr", "nl", "ko", "ja", "ar", "he", "uk")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_status_has_words_in_every_supported_language(knowledge, lang):
    for status in knowledge.data["statuses"]:
        langs = {word["lang"] for word in status["words"]}
        # Korean cancelled is the "contains" word 취소 (seen on the real page).
        assert status["key"] == "unknown" or lang in langs, (status["key"], lang)


def test_words_without_evidence_are_marked_assumed(knowledge):
    """A word is seen only on a source that read real pages, reported only on a source at all;
    the rest are our assumption and say so."""
    sources = knowledge.sources
    for status in knowledge.data["statuses"]:
        for word in status["words"]:
            evidence = {sources[i]["evidence"] for i in word["sources"]}
            if word["evidence"] == "seen":
                assert evidence == {"observed"}, word["text"]
            elif word["evidence"] == "reported":
                assert "orderwise-assumed" not in word["sources"], word["text"]
            else:
                assert word["sources"] == ["orderwise-assumed"], word["text"]


def test_only_the_words_the_references_saw_on_real_pages_are_seen(knowledge):
    seen = {w["text"] for status in knowledge.data["statuses"] for w in status["words"] if w["evidence"] == "seen"}
    assert "Спор закрыт" in seen
    for text in ("Fund Processing", "Frozen Orders", "Partial Shipment", "Dispute closed", "Refunded", "Frozen"):
        assert text not in seen, text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("İPTAL EDİLDİ", "cancelled"),
        ("KAPANDI", "cancelled"),
        ("ملغي", "cancelled"),
        ("تم الالغاء", "cancelled"),
        ("ЗАВЕРШЕН", "completed"),
    ],
)
def test_spelling_variants_fold_to_the_known_word(text, key):
    assert engine.classify(text).status == key


@pytest.mark.parametrize("lang", ["ru", "es", "pt", "fr"])
def test_every_advice_text_is_translated(knowledge, lang):
    """The panel and the advice speak these languages in full: every English text has its translation."""
    english = kb.translatable_texts(knowledge.data)
    table = knowledge.data["translations"][lang]
    assert [text for text in english if text not in table] == []
    assert all(
        table[text].strip() and table[text] != text for text in english if text != "PayPal" and "Union" not in text
    )


def test_translations_travel_in_the_knowledge_and_the_snapshot(knowledge):
    assert json.loads(gzip.decompress(kb.snapshot_gzip(knowledge)))["translations"] == knowledge.data["translations"]
    assert set(knowledge.data["translations"]) == {"ru", "es", "pt", "fr"}


def test_a_translation_file_must_be_named_by_its_language(broken):
    directory = broken("translations/ru.yaml", "texts:", "texts:")
    (directory / "translations" / "ru.yaml").rename(directory / "translations" / "russian.yaml")
    with pytest.raises(kb.KnowledgeError, match=r"^translations/russian.yaml: must be named by a language code"):
        kb.load(directory)


def test_no_status_word_belongs_to_two_statuses(knowledge):
    owners = {}
    for status in knowledge.data["statuses"]:
        for word in status["words"]:
            folded = kb.normalize(word["text"], knowledge.data["spelling_variants"])
            assert owners.setdefault(folded, status["key"]) == status["key"], word["text"]


# The first step of payment_processing in statuses.yaml: a number, and the page that states it.
CARD_CHECK_STEP = (
    "        - text: Card payments are usually checked within 24 hours.\n          sources: [payment-verification]\n"
)


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "statuses.yaml",
            '    can_cancel: "yes"',
            '    can_cancel: "maybe"',
            "statuses.yaml: statuses.0.can_cancel: Must be one of",
        ),
        (
            "statuses.yaml",
            '    can_cancel: "yes"',
            "    can_cancel: yes",
            "statuses.yaml: statuses.0.can_cancel: Not a valid string",
        ),
        (
            "statuses.yaml",
            "{text: To pay, lang: en",
            "{text: Processing, lang: en",
            "statuses.yaml: statuses.2.words.0.text: 'Processing' already belongs to 'unpaid'",
        ),
        (
            "statuses.yaml",
            "sources: [alifaq-cancel]",
            "sources: [nowhere]",
            "statuses.yaml: statuses.0.sources.0: unknown source 'nowhere'",
        ),
        (
            "statuses.yaml",
            "  - key: unknown\n",
            "  - key: unknown_status\n",
            "statuses.yaml: statuses.13.key: Must be one of",
        ),
        (
            "statuses.yaml",
            "    badge:\n      text: Free to cancel now\n    sources: [alifaq-cancel]",
            "    sources: [alifaq-cancel]",
            "statuses.yaml: statuses.0.badge: Missing data for required field",
        ),
        (
            "statuses.yaml",
            'dated: {text: "Refund expected {due}", deadline: refund_due}',
            'dated: {text: "Refund expected {when}", deadline: refund_due}',
            "statuses.yaml: statuses.8.badge.dated.text: unknown placeholder {when}",
        ),
        (
            "statuses.yaml",
            'dated: {text: "Refund expected {due}", deadline: refund_due}',
            'dated: {text: "Refund expected soon", deadline: refund_due}',
            "statuses.yaml: statuses.8.badge.dated.text: must name the deadline's time as {due}",
        ),
        (
            "statuses.yaml",
            "text: Free to cancel now",
            "text: You are free to cancel this order right now",
            "statuses.yaml: statuses.0.badge.text: Length must be between 1 and 40",
        ),
        (
            "statuses.yaml",
            "    once_requested: cancel_requested",
            "    once_requested: shipped",
            "statuses.yaml: statuses.2.once_requested: 'shipped' is of another stage",
        ),
        (
            "situations.yaml",
            '      cancel_requested: "Hello, I have asked to cancel order {order_id} because',
            '      ignored: "Hello, I have asked to cancel order {order_id} because',
            "situations.yaml: situations.0.messages.ignored.key: Must be one of",
        ),
        (
            "situations.yaml",
            "      cancel_requested:",
            "      #",
            "situations.yaml: situations.0.messages: a before_shipment message needs its cancel_requested one",
        ),
        (
            "translations/fr.yaml",
            '"Demandée · réponse {due}"',
            '"Demandée · réponse bientôt"',
            "translations/fr.yaml: texts.'Requested · answer {due}': must keep the placeholders ['due']",
        ),
        (
            "situations.yaml",
            "order {order_id} because",
            "order {order_number} because",
            "situations.yaml: situations.0.messages: before_shipment: unknown placeholder {order_number}",
        ),
        (
            "situations.yaml",
            "      fault: buyer",
            "      fault: nobody",
            "situations.yaml: situations.0.reason.fault: Must be one of",
        ),
        (
            "timelines.yaml",
            "min_hours: 48",
            "min_hours: 96",
            "timelines.yaml: timelines.seller_reply.min_hours: min_hours is greater",
        ),
        (
            "timelines.yaml",
            "min_business_days: 3\n    max_business_days: 20",
            "min_business_days: 3.5\n    max_business_days: 20",
            "timelines.yaml: timelines.refund.min_business_days: Not a valid integer",
        ),
        (
            "sources.yaml",
            "checked: 2026-12-07",
            "checked: last week",
            "sources.yaml: sources.0.checked: Not a valid date",
        ),
        (
            "statuses.yaml",
            "        uncertain: true\n",
            "",
            "statuses.yaml: statuses.1.avoid.0.sources: Give its sources, or mark it uncertain: true.",
        ),
        (
            "statuses.yaml",
            "        sources: [alifaq-cancel]\n    warnings:",
            "        sources: [nowhere]\n    warnings:",
            "statuses.yaml: statuses.0.avoid.0.sources.0: unknown source 'nowhere'",
        ),
        (
            "statuses.yaml",
            CARD_CHECK_STEP,
            "        - Card payments are usually checked within 24 hours.\n",
            "statuses.yaml: statuses.1.action.steps.0.sources: States a number: give the sources that state it,"
            " or mark it uncertain: true.",
        ),
        (
            "statuses.yaml",
            "          sources: [payment-verification]\n",
            "          sources: [nowhere]\n",
            "statuses.yaml: statuses.1.action.steps.0.sources.0: unknown source 'nowhere'",
        ),
        (
            "statuses.yaml",
            "        - Confirm. Nothing was charged, so there is no refund to wait for.\n    avoid:",
            "        - Confirm. Nothing was charged; a refund would take 3 to 20 business days.\n    avoid:",
            "statuses.yaml: statuses.0.action.on_order_page.1: States a number: give it word for word in steps too,",
        ),
        (
            "statuses.yaml",
            "          stage: wait_for_delivery\n",
            "          stage: wait_a_bit\n",
            "statuses.yaml: statuses.5.action.steps.0.stage: unknown stage 'wait_a_bit'",
        ),
        (
            "statuses.yaml",
            "          stage: request_refund\n",
            "          stage: message_seller\n",
            "statuses.yaml: statuses.5.action.steps.4.stage: 'message_seller' is already the stage of another step",
        ),
        (
            "statuses.yaml",
            "          stage: wait_for_delivery\n",
            "          stage: open_dispute\n",
            "statuses.yaml: statuses.5.action.steps.2.stage: 'message_seller' comes before 'open_dispute'",
        ),
        (
            "statuses.yaml",
            "          stage: message_seller\n          sources: [etiquette]\n        - text: Ask for a return",
            "          sources: [etiquette]\n        - text: Ask for a return",
            "statuses.yaml: statuses.6.action.steps: no step of stage 'message_seller'",
        ),
        (
            "statuses.yaml",
            "      label: Wait for the parcel, then decide\n",
            "      label: Wait for the parcel, then decide\n      on_order_page: [Follow the parcel.]\n",
            "statuses.yaml: statuses.5.action.on_order_page: a status whose steps name stages has none",
        ),
        ("sources.yaml", "sources:\n", "source:\n", "sources.yaml: sources: Missing data for required field"),
        ("timelines.yaml", "timelines:\n", "timelines: [\n", "timelines.yaml: not valid YAML at line"),
        (
            "translations/fr.yaml",
            '  "Not paid yet": "Pas encore payée"',
            '  "Not paid at all": "Pas encore payée"',
            "translations/fr.yaml: texts.'Not paid at all': is not an English text of the knowledge",
        ),
        (
            "statuses.yaml",
            "label: Not paid yet",
            "label: Not paid",
            "translations/es.yaml: texts.'Not paid yet': is not an English text of the knowledge",
        ),
        (
            "translations/ru.yaml",
            "заказу {order_id} отправлен запрос на отмену: заказ",
            "заказу {order} отправлен запрос на отмену: заказ",
            "translations/ru.yaml: texts.'Hello, I have asked to cancel order {order_id} because I no longer need it.",
        ),
        (
            "translations/pt.yaml",
            '"Ainda não pago"',
            "42",
            "translations/pt.yaml: texts.Not paid yet.value: Not a valid string",
        ),
    ],
)
def test_a_broken_file_stops_start_up_naming_file_and_field(broken, name, old, new, message):
    directory = broken(name, old, new)
    with pytest.raises(kb.KnowledgeError) as caught:
        create_app({"TESTING": True, "KNOWLEDGE_DIR": str(directory)})
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_step_that_states_a_number_nobody_backs_loads_marked_uncertain(broken):
    """A maintainer may keep a number no source states, saying so; a step without a number needs neither."""
    marked = CARD_CHECK_STEP.replace("sources: [payment-verification]", "uncertain: true")
    directory = broken("statuses.yaml", CARD_CHECK_STEP, marked)
    steps = {s["key"]: s for s in kb.load(directory).data["statuses"]}["payment_processing"]["action"]["steps"]
    assert steps[0] == {"text": "Card payments are usually checked within 24 hours.", "sources": [], "uncertain": True}
    plain = "If the check fails, AliExpress cancels the order by itself."
    assert steps[2] == {"text": plain, "sources": [], "uncertain": False}


def test_a_missing_file_is_named(tmp_path):
    shutil.copytree(kb.BUNDLED_DIR, tmp_path / "k")
    (tmp_path / "k" / "situations.yaml").unlink()
    with pytest.raises(kb.KnowledgeError, match=r"^situations.yaml: missing from"):
        kb.load(tmp_path / "k")
