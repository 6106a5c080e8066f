"""Golden files: what the service's engine reads and advises, for the extension's to be held to.

``orderwise export-golden`` writes them into ``tests/golden/``; a browser test
runs the extension's own reading (content/read.js) and composing
(content/advice.js) over the same knowledge and compares, so that a rule
changed in one engine and not the other fails.

- ``reading.json``: how every known word reads, the same words inside longer
  texts (partial matches), every cue word beside a generic status word (cue
  overrides), the examples of the edge statuses, and texts that read as
  nothing.
- ``advice-<lang>.json``: for every status, situation and language, the advice
  as the panel shows it, before a cancellation request and once one is sent
  (``requested``). The panel shows no situations for a status it
  couldn't read, and a situation's note only beside its reason; the message
  templates are filled with ``ORDER_ID``.
- ``disputes.json``: for every language, status with a dispute kit and kit
  situation, the kit as the panel shows it and its description filled with
  the ``FACTS`` examples (every fact, and only a few).
"""

import json

from .engine import Engine, disputes, offered

ORDER_ID = "8190000000000001"

# Facts as an order page shows them: all of them, and only those every page shows.
FACTS = [
    {
        "order_id": ORDER_ID,
        "order_date": "Sep 14, 2026",
        "paid_date": "Sep 14, 2026",
        "ship_date": "Sep 16, 2026",
        "carrier": "Cainiao Super Economy",
        "tracking": "LP00123456789012",
        "protection_end": "Oct 20, 2026",
        "store": "Shop1104982231 Store",
    },
    {"order_id": ORDER_ID, "order_date": "14 сент. 2026", "store": "{store} Store"},
]

# The page texts of the edge statuses (money going back, frozen orders, closed
# disputes, partial shipments), read as they are.
EXAMPLES = [
    "Fund Processing",
    "Refund processing",
    "Processing refund",
    "Refund in progress",
    "Refund completed",
    "Refunded",
    "Frozen",
    "Dispute closed",
    "Спор закрыт",
    "Partial Shipment",
    "취소 신청",
    "Awaiting confirmation of receipt",
    "Esperando envío",
    "Ожидание отправки",
    "Cancelada",
]

# Texts that must read as nothing, or that test the folding at its edges.
TRICKY = [
    "",
    "   ",
    "!!!",
    "12 345",
    "asdf qwerty",
    "<script>alert(1)</script>",
    "\u202e",
    "ＣＡＮＣＥＬＥＤ",
    "İPTAL EDİLDİ",
    "Awaiting deliveryDate: Sep 15, 2026",
    "Awaiting shipment " + "and more " * 40,
    "x" * 400,
]

# Generic status words a cue must outrank when it stands beside them.
GENERIC = ["processing", "closed", "completed", "in transit", "awaiting shipment"]


def reading_texts(knowledge):
    """Every text reading.json holds, in a fixed order, each once."""
    words = [word["text"] for status in knowledge.data["statuses"] for word in status["words"]]
    cues = [word["text"] for cue in knowledge.data.get("cues", []) for word in cue["words"]]
    texts = [*EXAMPLES, *TRICKY, *words]
    texts += [f"{word} (2)" for word in words] + [f"Status: {word}" for word in words]
    texts += [f"{cue} {generic}" for cue in cues for generic in GENERIC[:2]]
    texts += [f"{generic} {cue}" for cue in cues for generic in GENERIC[2:]]
    return list(dict.fromkeys(texts))


def reading(engine, knowledge):
    cases = []
    for text in reading_texts(knowledge):
        result = engine.classify(text)
        cases.append(
            {
                "text": text,
                "status": result.status,
                "confidence": result.confidence,
                "match": result.match,
                "words": result.words,
            }
        )
    return cases


def _filled(template):
    return template.format(order_id=ORDER_ID) if template else None


def panel_advice(advice):
    """The engine's advice as the panel shows it (content/advice.js compose()),
    without the situation picked, with every source it cites, whichever is picked."""
    known = advice["can_cancel"] != "unknown"
    return {
        "label": advice["label"],
        "stage": advice["stage"],
        "can_cancel": advice["can_cancel"],
        "requested": advice["requested"],
        "verdict": advice["verdict"],
        "badge": advice["badge"],
        "action": advice["action"],
        "steps": advice["steps"],
        "current_step": advice["current_step"],
        "avoid": advice["avoid"],
        "warnings": [{"text": w["text"], "sources": w["sources"]} for w in advice["warnings"]],
        "windows": [
            {
                "key": name,
                **{k: v for k, v in window.items() if k.startswith(("min_", "max_"))},
                "label": window["label"],
                "note": window["note"],
                "uncertain": window["uncertain"],
                "sources": window["sources"],
            }
            for name, window in advice["windows"].items()
        ],
        "situations": [[s["key"], s["label"]] for s in advice["situations"]] if known else [],
        "sources": sorted(source["id"] for source in advice["sources"]),
    }


def panel_situation(advice, situation_key):
    """The situation part of the panel for the situation picked; None where the panel has none."""
    if advice["can_cancel"] == "unknown":
        return None
    situation = next(s for s in advice["situations"] if s["key"] == situation_key)
    reason = situation["reason"]
    return {
        "key": situation["key"],
        "reason": reason and {"label": reason, "fault": situation["fault"], "sources": situation["sources"]},
        "note": situation["note"] if reason else None,
        "message": _filled(situation["template"]),
        "message_translation": _filled(situation["template_translation"]),
    }


def advice(engine, knowledge, lang):
    """{status: {advice, situations: {situation: its part}, requested: the same once a
    cancellation request is sent}}, every status and situation of the knowledge."""
    table = {}
    for status in knowledge.data["statuses"]:
        states = {}
        for requested in (False, True):
            situations = {}
            composed = engine.advise(status=status["key"], lang=lang, requested=requested)
            for situation in offered(knowledge.data["situations"], status["key"]):
                composed = engine.advise(
                    status=status["key"], situation=situation["key"], lang=lang, requested=requested
                )
                situations[situation["key"]] = panel_situation(composed, situation["key"])
            states[requested] = {"advice": panel_advice(composed), "situations": situations}
        table[status["key"]] = {**states[False], "requested": states[True]}
    return table


def dispute_kits(knowledge, lang):
    """{status: {situation: the kit and its descriptions}} for each status with a kit."""
    data = knowledge.data
    table = {}
    for status in data["disputes"]["statuses"]:
        table[status] = {"default": disputes.kit(data, status, lang=lang)["situation"]["key"], "situations": {}}
        for situation in data["disputes"]["situations"]:
            kit = disputes.kit(data, status, situation["key"], lang)
            table[status]["situations"][situation["key"]] = {
                "kit": kit,
                "descriptions": [disputes.description(kit["template"], facts) for facts in FACTS],
                "translations": [disputes.description(kit["template_translation"], facts) for facts in FACTS],
            }
    return table


def build(knowledge):
    """{file name: its JSON text}: every golden file for this knowledge."""
    engine = Engine(knowledge)
    files = {"reading.json": {"version": knowledge.version, "cases": reading(engine, knowledge)}}
    for lang in ["en", *sorted(knowledge.data.get("translations", {}))]:
        files[f"advice-{lang}.json"] = {
            "version": knowledge.version,
            "lang": lang,
            "advice": advice(engine, knowledge, lang),
        }
    langs = ["en", *sorted(knowledge.data.get("translations", {}))]
    files["disputes.json"] = {
        "version": knowledge.version,
        "kits": {lang: dispute_kits(knowledge, lang) for lang in langs},
    }
    return {name: json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n" for name, data in files.items()}
