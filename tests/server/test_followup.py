"""followup.yaml: deadline kinds, the rules behind them, the don't-nag tip, the confirm-receipt
checklist and the escalation path, validated like the other knowledge files."""

import shutil

import pytest

from orderwise import kb


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


def test_the_escalation_path_is_in_order_and_marks_shipped_and_delivered(knowledge):
    steps = knowledge.data["followup"]["escalation"]["steps"]
    assert [s["key"] for s in steps] == ["wait_for_delivery", "message_seller", "request_refund", "open_dispute"]
    assert [s["key"] for s in steps if "shipped" in s["current_for"]] == ["wait_for_delivery"]
    assert [s["key"] for s in steps if "delivered" in s["current_for"]] == ["message_seller"]


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
            "      current_for: [shipped]\n",
            "      current_for: [posted]\n",
            "followup.yaml: escalation.steps.0.current_for.0",
        ),
        (
            "      sources: [dispute-help-copy]\n",
            "      sources: [nowhere]\n",
            "followup.yaml: escalation.steps.0.sources.0: unknown source 'nowhere'",
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
