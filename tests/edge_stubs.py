"""The bundled knowledge with the four edge statuses as minimal stubs, for reading tests.

Test knowledge only: the statuses' real words and advice belong in
statuses.yaml. The stubs carry just what the engines read: a key, a verdict,
a few words. With them, the cues give their first status (refund_processing,
frozen); without them, their fallbacks.
"""

import copy
import hashlib
import json

from orderwise import kb

STUB_WORDS = {
    "refund_processing": [("Refund in progress", "assumed"), ("Fund processing", "assumed")],
    "frozen": [("Frozen", "assumed")],
    "dispute_closed": [("Dispute closed", "seen"), ("Спор закрыт", "seen")],
    "partially_shipped": [("Partially shipped", "assumed")],
}
STAGE = {
    "refund_processing": "closed",
    "frozen": "after_shipment",
    "dispute_closed": "closed",
    "partially_shipped": "after_shipment",
}


def _stub(key):
    return {
        "key": key,
        "stage": STAGE[key],
        "can_cancel": "no",
        "label": f"Stub {key}",
        "verdict": f"Stub verdict for {key}.",
        "sources": [],
        "deadlines": [],
        "action": {"key": "wait", "label": "Wait", "steps": ["Wait."]},
        "avoid": [],
        "warnings": [],
        "words": [
            {"text": text, "lang": "en", "evidence": evidence, "match": "exact", "sources": []}
            for text, evidence in STUB_WORDS[key]
        ],
    }


def knowledge_with_edge_stubs(base=None):
    """A Knowledge like ``base`` (default: bundled) with the four stub statuses
    (a word of theirs that another status has is taken from it)."""
    data = copy.deepcopy((base or kb.load()).data)
    taken = {kb.normalize(text, data["spelling_variants"]) for words in STUB_WORDS.values() for text, _ in words}
    for status in data["statuses"]:
        status["words"] = [
            w for w in status["words"] if kb.normalize(w["text"], data["spelling_variants"]) not in taken
        ]
    data["statuses"] += [_stub(key) for key in STUB_WORDS]
    body = {key: value for key, value in data.items() if key != "version"}
    version = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    data["version"] = version
    return kb.Knowledge(data=data, version=version)
