"""followup.yaml: deadline kinds, the rules behind them, the don't-nag tip, the confirm-receipt
checklist and the stages of the way up after shipping, validated like the other knowledge files."""

import shutil

import pytest

from orderwise import engine, kb


@pytest.fixture
def knowledge():
    return kb.load()


def test_every_deadline_kind_has_words_and_sources(knowledge):
    kinds = knowledge.data["followup"]["deadline_kinds"]
    assert set(kinds) == set(kb.DEADLINE_KINDS)
    for entry in kinds.values():
        assert entry["label"] and entry["then"] and entry["sources"]


def test_rules_use_the_timelines_conservative_end(knowledge):
    followup, timelines = knowledge.data["followup"], knowledge.data["timelines"]
    assert followup["rules"] == {"seller_answer": "seller_reply", "refund_due": "refund"}
    assert timelines["seller_reply"]["max_hours"] == 72


def test_the_dont_nag_tip_is_marked_unsourced(knowledge):
    """The reference has no source for "don't send repeated messages" (G6): it cites only an unsourced entry."""
    tip = knowledge.data["followup"]["dont_nag"]
    assert tip["uncertain"] is True
    assert {knowledge.sources[i]["evidence"] for i in tip["sources"]} == {"unsourced"}


DAY_11_SOURCES = {"dispute-help-copy", "tigerwing-dispute", "buyer-protection-old"}


def steps_by_stage(knowledge, status):
    return {step["stage"]: step for step in knowledge.statuses[status]["action"]["steps"] if "stage" in step}


def test_the_way_up_after_shipping_is_the_status_steps_in_order(knowledge):
    """Wait, write to the seller, ask for a return or refund, open a dispute: a shipped order's own
    steps name every stage, in that order; a delivered order's name all but the waiting."""
    escalation = knowledge.data["followup"]["escalation"]
    assert escalation["stages"] == ["wait_for_delivery", "message_seller", "request_refund", "open_dispute"]
    assert list(steps_by_stage(knowledge, "shipped")) == escalation["stages"]
    assert list(steps_by_stage(knowledge, "delivered")) == escalation["stages"][1:]
    assert escalation["current"] == {"shipped": "wait_for_delivery", "delivered": "message_seller"}


def test_the_merged_steps_keep_what_the_way_up_said_and_its_sources(knowledge):
    """Once one list: writing to the seller once with photos, the return or refund on the order
    page, and the dispute from day 11 after shipping, each citing the pages that say it."""
    for status in ("shipped", "delivered"):
        steps = steps_by_stage(knowledge, status)
        assert "once, with photos" in steps["message_seller"]["text"]
        assert steps["message_seller"]["sources"] == ["etiquette"]
        assert "return" in steps["request_refund"]["text"] and "on the order page" in steps["request_refund"]["text"]
        assert set(steps["request_refund"]["sources"]) == {"chinaparcels-policy", "cnjdpart-faq"}
        assert "day 11 after shipping" in steps["open_dispute"]["text"]
        assert set(steps["open_dispute"]["sources"]) == DAY_11_SOURCES
    shipped = [step["text"] for step in knowledge.statuses["shipped"]["action"]["steps"]]
    assert any("change of mind the return is usually at your cost" in text for text in shipped)
    assert any("non-delivery opens only once the delivery time has ended" in text for text in shipped)


@pytest.mark.parametrize(
    ("status", "says"),
    [("shipped", "Follow the parcel"), ("delivered", "Write to the seller once"), ("awaiting_shipment", None)],
)
def test_the_advice_says_which_step_the_shopper_is_at(status, says):
    """A shipped order is at its first step, a delivered one at writing to the seller; an order
    not shipped is on no way up."""
    advice = engine.advise(status=status)
    current = advice["current_step"]
    if says is None:
        assert current is None
    else:
        assert says in advice["steps"][current]
    assert engine.advise(status=status, lang="ru")["current_step"] == current


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  no_delivery_refund:\n",
            "  nowhere_refund:\n",
            "followup.yaml: deadline_kinds.nowhere_refund.key: Must be one of",
        ),
        ("  refund_due: refund\n", "  refund_due: forever\n", "followup.yaml: rules.refund_due.value: Must be one of"),
        ("  wait_hours: 48\n", "  wait_hours: 0\n", "followup.yaml: dont_nag.wait_hours: Must be greater"),
        (
            "    shipped: wait_for_delivery\n",
            "    shipped: posted\n",
            "followup.yaml: escalation.current.shipped: unknown stage 'posted'",
        ),
        (
            "    delivered: message_seller\n",
            "    posted: message_seller\n",
            "followup.yaml: escalation.current.posted.key: Must be one of",
        ),
        (
            "  stages: [wait_for_delivery, message_seller,",
            "  stages: [wait_for_delivery, wait_for_delivery,",
            "followup.yaml: escalation.stages.1: duplicate stage 'wait_for_delivery'",
        ),
        ("  checklist:\n", "  checklist: []\n  was:\n", "followup.yaml: confirm_receipt"),
    ],
)
def test_a_broken_followup_file_names_the_field(tmp_path, old, new, message):
    directory = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, directory)
    path = directory / "followup.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(kb.KnowledgeError) as caught:
        kb.load(directory)
    assert str(caught.value).startswith(message), str(caught.value)
