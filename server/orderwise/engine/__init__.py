"""Choosing advice: plain Python over a ``Knowledge``, no Flask.

``Engine(knowledge)`` precomputes at load what does not depend on the request
(each status's advice in every language, the situations for each stage, and
the reader's word index), so ``classify`` and ``advise`` only look things up
and date the deadlines. ``reading`` turns a status text into a status,
``dates`` dates the deadlines; this module composes the advice.
"""

from functools import lru_cache

from .. import kb
from . import dates
from .dates import add_business_days
from .reading import MAX_TEXT, Classification, Reader

__all__ = ["MAX_TEXT", "Classification", "Engine", "add_business_days", "advise", "classify", "offered"]


class Engine:
    def __init__(self, knowledge):
        self.knowledge = knowledge
        data = knowledge.data
        self.version = knowledge.version
        self._statuses = knowledge.statuses
        self._methods = knowledge.payment_methods
        self._timelines = data["timelines"]
        self._translations = data.get("translations", {})
        sources = knowledge.sources

        self._reader = Reader(data)

        self._base = {}
        self._translated = {lang: {} for lang in data.get("translations", {})}
        for key, status in self._statuses.items():
            ids = list(status["sources"])
            ids += [i for warning in status["warnings"] for i in warning["sources"]]
            ids += [i for line in status["avoid"] for i in line["sources"]]
            windows = {name: self._timelines[name] for name in status["deadlines"]}
            ids += [i for window in windows.values() for i in window["sources"]]
            situations = [self._situation(situation, status) for situation in offered(data["situations"], key)]
            ids += [i for situation in situations if situation["reason"] for i in situation["sources"]]
            self._base[key] = {
                "version": self.version,
                "lang": "en",
                "status": key,
                "label": status["label"],
                "stage": status["stage"],
                "can_cancel": status["can_cancel"],
                "verdict": status["verdict"],
                "action": {"key": status["action"]["key"], "label": status["action"]["label"]},
                "steps": status["action"]["steps"],
                "avoid": [line["text"] for line in status["avoid"]],
                "warnings": status["warnings"],
                "situations": situations,
                "windows": windows,
                "sources": [sources[i] for i in dict.fromkeys(ids)],
            }
            for lang, table in data.get("translations", {}).items():
                self._translated[lang][key] = self._translate(self._base[key], lang, table)

    @staticmethod
    def _situation(situation, status):
        can_cancel = status["can_cancel"] in ("yes", "request")
        reason = situation["reason"]
        return {
            "key": situation["key"],
            "label": situation["label"],
            "reason": reason["label"] if can_cancel else None,
            "fault": reason["fault"] if can_cancel else None,
            "reason_evidence": reason["evidence"] if can_cancel else None,
            "sources": reason["sources"] if can_cancel else [],
            "note": situation["note"],
            "template": situation["messages"].get(status["key"], situation["messages"].get(status["stage"])),
            "template_translation": None,
        }

    @staticmethod
    def _translate(base, lang, table):
        """The advice ``base`` with every text in ``lang``; English where the table has none.

        The message to the seller stays in English (sellers read English); its
        translation travels beside it so the shopper knows what they send.
        """

        def tr(text):
            return table.get(text, text) if text else text

        advice = {
            **base,
            "lang": lang,
            "label": tr(base["label"]),
            "verdict": tr(base["verdict"]),
            "action": {**base["action"], "label": tr(base["action"]["label"])},
            "steps": [tr(step) for step in base["steps"]],
            "avoid": [tr(text) for text in base["avoid"]],
            "warnings": [{**warning, "text": tr(warning["text"])} for warning in base["warnings"]],
            "windows": {
                name: {**window, "label": tr(window["label"]), "note": tr(window["note"])}
                for name, window in base["windows"].items()
            },
        }
        advice["situations"] = [
            {
                **situation,
                "label": tr(situation["label"]),
                "reason": tr(situation["reason"]),
                "note": tr(situation["note"]),
                "template_translation": table.get(situation["template"]) if situation["template"] else None,
            }
            for situation in base["situations"]
        ]
        return advice

    def served_language(self, lang):
        """The language advice is given in for a requested tag: its translation, else English."""
        primary = (lang or "en").split("-")[0].lower()
        return primary if primary in self._translated else "en"

    def classify(self, text, lang=None):
        """The status key for a status text as the page shows it; ``unknown`` if unsure (see Reader)."""
        return self._reader.classify(text)

    def advise(self, status=None, status_text=None, lang=None, situation=None, payment_method=None, requested_at=None):
        """The advice for an order: by status key, or by the status text the page shows."""
        classification = None
        if status is None:
            classification = self.classify(status_text or "", lang)
            status = classification.status
        if status not in self._base:
            raise ValueError(f"unknown status {status!r}")
        if situation is not None and situation not in self.knowledge.situations:
            raise ValueError(f"unknown situation {situation!r}")
        if payment_method is not None and payment_method not in self._methods:
            raise ValueError(f"unknown payment method {payment_method!r}")

        served = self.served_language(lang)
        advice = dict(self._translated[served][status] if served != "en" else self._base[status])
        # A situation that doesn't apply to this status (one only a shipped order
        # can be in, for an order not shipped yet) is left out, not answered.
        advice["situation"] = situation if any(s["key"] == situation for s in advice["situations"]) else None
        if classification is not None:
            advice["confidence"] = classification.confidence
            advice["match"] = classification.match
        advice["refund"] = self._refund(payment_method, served) if "refund" in advice["windows"] else None
        advice["deadlines"] = dates.deadlines(advice, requested_at) if requested_at is not None else None
        return advice

    def _refund(self, payment_method, lang="en"):
        general = self._timelines["refund"]
        method = self._methods.get(payment_method) if payment_method else None
        if method is None:
            return {
                "payment_method": None,
                "refund_to": None,
                "min_business_days": general["min_business_days"],
                "max_business_days": general["max_business_days"],
                "uncertain": general["uncertain"],
            }
        return {
            "payment_method": method["key"],
            "refund_to": self._translations.get(lang, {}).get(method["refund_to"], method["refund_to"]),
            "min_business_days": method.get("min_business_days", general["min_business_days"]),
            "max_business_days": method.get("max_business_days", general["max_business_days"]),
            "uncertain": method["uncertain"] or general["uncertain"],
        }


@lru_cache(maxsize=1)
def default_engine():
    """The engine over the bundled knowledge."""
    return Engine(kb.load())


def classify(text, lang=None):
    """Classify with the bundled knowledge (see ``Engine.classify``)."""
    return default_engine().classify(text, lang)


def offered(situations, status_key):
    """The situations offered for a status: those naming it, and those naming no status."""
    return [situation for situation in situations if not situation["statuses"] or status_key in situation["statuses"]]


def advise(**query):
    """Advise with the bundled knowledge (see ``Engine.advise``)."""
    return default_engine().advise(**query)
