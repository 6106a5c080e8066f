"""The dispute kit's knowledge (disputes.yaml): what it must hold, how a broken file stops start-up,
and how the engine composes the kit and its description."""

import shutil

import pytest

from orderwise import kb
from orderwise.engine import disputes

FACTS = {
    "order_id": "8189977352140417",
    "order_date": "Sep 10, 2026",
    "ship_date": "Sep 12, 2026",
    "tracking": "LP00123456789012",
    "store": "Shop1103987120 Store",
}


@pytest.fixture(scope="module")
def knowledge():
    return kb.load()


def test_the_kit_is_offered_after_shipping_only(knowledge):
    """Shipped, partly shipped, delivered, completed and disputed orders have a kit; nothing before shipping."""
    for status in ("partially_shipped", "shipped", "delivered", "completed", "in_dispute"):
        assert disputes.kit(knowledge.data, status) is not None
    for status in ("unpaid", "awaiting_shipment", "cancelled", "unknown"):
        assert disputes.kit(knowledge.data, status) is None


def test_each_status_opens_with_its_own_situation_and_every_situation_can_be_picked(knowledge):
    data = knowledge.data
    assert disputes.kit(data, "shipped")["situation"]["key"] == "not_arrived"
    assert disputes.kit(data, "partially_shipped")["situation"]["key"] == "partial"
    assert disputes.kit(data, "delivered")["situation"]["key"] == "not_as_described"
    keys = [key for key, _ in disputes.kit(data, "shipped")["situations"]]
    assert keys == ["not_arrived", "not_as_described", "damaged", "wrong_item", "partial"]
    damaged = disputes.kit(data, "delivered", "damaged")
    assert damaged["situation"]["label"] == "The item arrived damaged or does not work"
    assert any("video" in item["text"] for item in damaged["situation"]["evidence"])


def test_the_description_carries_the_facts_the_page_shows_and_leaves_out_the_rest(knowledge):
    kit = disputes.kit(knowledge.data, "shipped")
    text = disputes.description(kit["template"], FACTS)
    assert text.startswith("I have not received this order.")
    for line in (
        "Order number: 8189977352140417",
        "Order date: Sep 10, 2026",
        "Ship date: Sep 12, 2026",
        "Tracking number: LP00123456789012",
        "Store: Shop1103987120 Store",
    ):
        assert line in text.splitlines()
    assert "Payment date" not in text and "Carrier" not in text and "{" not in text
    assert text.endswith("Please refund the full amount. Photos and screenshots are attached.")


def test_the_translation_beside_the_description_says_the_same_in_the_shoppers_language(knowledge):
    kit = disputes.kit(knowledge.data, "shipped", lang="fr")
    assert kit["template_translation"] is not None
    translation = disputes.description(kit["template_translation"], FACTS)
    assert "Numéro de commande : 8189977352140417" in translation.splitlines()
    assert "Je n'ai pas reçu cette commande." in translation
    assert disputes.description(kit["template"], FACTS) == disputes.description(
        disputes.kit(knowledge.data, "shipped")["template"], FACTS
    )  # the description itself stays English
    assert disputes.kit(knowledge.data, "shipped")["template_translation"] is None


def test_the_earliest_day_comes_from_the_timeline(knowledge):
    kit = disputes.kit(knowledge.data, "shipped")
    assert kit["earliest"]["days"] == knowledge.data["timelines"]["dispute_opens"]["min_days"] == 11
    assert kit["earliest"]["sources"] == knowledge.data["timelines"]["dispute_opens"]["sources"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '  - "Store: {store}"',
            '  - "Store: {shop}"',
            "disputes.yaml: fact_lines.1: unknown placeholder {shop}.",
        ),
        (
            "        sources: [que-dalle-dispute-package]",
            "        sources: [no-such-source]",
            "disputes.yaml: situations.0.evidence.2.sources.0: unknown source 'no-such-source'",
        ),
        (
            "      - text: Screenshots of the tracking page, with its last update and date.\n        uncertain: true",
            "      - text: Screenshots of the tracking page, with its last update and date.",
            "disputes.yaml: situations.0.evidence.0.sources: Give its sources, or mark it uncertain: true.",
        ),
        (
            "    default_for: [delivered, completed]",
            "    default_for: [shipped]",
            "disputes.yaml: situations.1.default_for: 'shipped' already opens with 'not_arrived'",
        ),
        (
            "  timeline: dispute_opens",
            "  timeline: refund",
            "disputes.yaml: earliest.timeline: must name a timeline counted in days",
        ),
        (
            "statuses: [partially_shipped, shipped, delivered, completed, in_dispute]",
            "statuses: [partially_shipped, shipped, delivered, completed, in_dispute, gone]",
            "disputes.yaml: statuses.5: Must be one of",
        ),
    ],
)
def test_a_broken_kit_stops_start_up_naming_the_field(broken, old, new, message):
    with pytest.raises(kb.KnowledgeError) as caught:
        kb.load(broken("disputes.yaml", old, new))
    assert str(caught.value).startswith(message)


def test_a_translation_of_the_kit_must_keep_its_placeholders(tmp_path):
    directory = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, directory)
    path = directory / "translations" / "es.yaml"
    text = path.read_text(encoding="utf-8")
    old = '"Número de pedido: {order_id}"'
    assert old in text
    path.write_text(text.replace(old, '"Número de pedido"'), encoding="utf-8")
    with pytest.raises(kb.KnowledgeError, match=r"must keep the placeholders \['order_id'\]"):
        kb.load(directory)
