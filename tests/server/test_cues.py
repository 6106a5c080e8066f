"""Reading that fails safe: exact words first, and a cue of money going back, a dispute or a
freeze outranks any partial match that would give another verdict (knowledge/cues.yaml)."""

import json
import shutil

import pytest
import yaml

from orderwise import golden, kb
from orderwise.engine import Engine

ENGINE = Engine(kb.load())
VARIANTS = kb.load().data["spelling_variants"]


def read(text):
    result = ENGINE.classify(text)
    return result.status, result.confidence, result.match, result.words


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("Funds processing", "refund_processing", "fund"),  # not "processing": awaiting shipment
        ("Completed, refund issued", "refund_processing", "refund"),  # not "completed"
        ("Shipped, refund requested", "refund_processing", "refund"),  # not "shipped"
        ("Closed dispute", "in_dispute", "dispute"),  # not "closed": cancelled
        ("Processing, order frozen", "frozen", "frozen"),
        ("Завершён, возврат средств", "refund_processing", "возврат"),
        ("Процесс спора", "in_dispute", "спор"),
    ],
)
def test_a_cue_outranks_a_generic_word_inside_a_longer_status(text, status, words):
    assert read(text) == (status, 0.6, "partial", words)


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("Dispute closed on Sep 3", "dispute_closed", "dispute closed"),  # a dispute status: it stands
        ("Cancelled, refund in progress", "cancelled", "canceled"),  # money going back: it stands
        ("Спор закрыт 12.09", "dispute_closed", "спор закрыт"),
        ("Refund completed 12.09", "refund_processing", "refund completed"),
    ],
)
def test_a_partial_match_among_the_cues_statuses_stands(text, status, words):
    assert read(text) == (status, 0.7, "partial", words)


@pytest.mark.parametrize(
    ("text", "status", "confidence"),
    [
        ("Dispute closed", "dispute_closed", 1.0),  # reported
        ("Frozen", "frozen", 0.9),  # assumed
        ("Fund Processing", "refund_processing", 1.0),  # reported
        ("Dispute orders", "in_dispute", 1.0),  # reported, and holds a cue
        ("Processing", "awaiting_shipment", 1.0),
    ],
)
def test_an_exact_word_comes_first_as_sure_as_its_evidence(text, status, confidence):
    assert read(text) == (status, confidence, "exact", kb.normalize(text, VARIANTS))


def test_a_partial_match_is_at_most_0_7_and_an_exact_one_1_or_0_9():
    cases = json.loads(golden.build(kb.load())["reading.json"])["cases"]
    for case in cases:
        expected = {"exact": {1.0, 0.9}, "partial": {0.7, 0.6, 0.5}, None: {0.0}}[case["match"]]
        assert case["confidence"] in expected, case


@pytest.fixture
def knowledge_dir(tmp_path):
    directory = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, directory)
    return directory


def edit_cues(directory, change):
    path = directory / "cues.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["cues"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda cues: cues[0].update(statuses=["melted"]), "cues.0.statuses.0", "Must be one of"),
        (lambda cues: cues[0].update(statuses=["unknown"]), "cues.0.statuses.0", "not a status with a verdict"),
        (lambda cues: cues[1]["words"].append({"text": "Frozen", "lang": "en"}), "cues.1.words", "already a word"),
        (lambda cues: cues[2].update(statuses=[]), "cues.2.statuses", "Shorter than minimum"),
        (lambda cues: cues[2]["words"].append({"text": "¡!", "lang": "es"}), "cues.2.words", "no letters"),
        (lambda cues: cues[2]["words"][0].update(match="regex"), "cues.2.words.0.match", "Must be one of"),
    ],
)
def test_a_wrong_cue_stops_loading_naming_the_file_and_field(knowledge_dir, change, field, message):
    edit_cues(knowledge_dir, change)
    with pytest.raises(kb.KnowledgeError) as error:
        kb.load(knowledge_dir)
    assert error.value.file == "cues.yaml"
    assert error.value.field.startswith(field) and message in error.value.message


def test_the_knowledge_serves_the_cues_in_their_order():
    data = kb.load().data
    assert [cue["key"] for cue in data["cues"]] == ["frozen", "dispute", "refund"]
    assert all(word["match"] in ("prefix", "contains") for cue in data["cues"] for word in cue["words"])
