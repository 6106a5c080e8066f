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
        self._escalation = data["followup"]["escalation"]
        self._translations = data.get("translations", {})
        sources = knowledge.sources

        self._reader = Reader(data)

        # Per status: its advice before any cancellation request (False) and
        # once one is sent (True); the same where the status has no request state
        # or is itself the state after a request (cancel_requested).
        self._base = {}
        self._translated = {lang: {} for lang in data.get("translations", {})}
        waiting = {status["once_requested"] for status in self._statuses.values()} - {None}
        for key, status in self._statuses.items():
            own = self._compose(status, status, key in waiting, sources, data["situations"])
            after = own
            if status["once_requested"]:
                after = self._compose(
                    status, self._statuses[status["once_requested"]], True, sources, data["situations"]
                )
            self._base[key] = {False: own, True: after}
            for lang, table in data.get("translations", {}).items():
                mine = self._translate(own, lang, table)
                self._translated[lang][key] = {
                    False: mine,
                    True: mine if after is own else self._translate(after, lang, table),
                }

    def _compose(self, status, shown, requested, sources, all_situations):
        """The advice for ``status`` in the words of ``shown``: its own, or the
        status it reads as once a cancellation request is sent."""
        ids = list(shown["sources"])
        ids += [i for step in shown["action"]["steps"] for i in step["sources"]]
        ids += [i for warning in shown["warnings"] for i in warning["sources"]]
        ids += [i for line in shown["avoid"] for i in line["sources"]]
        windows = {name: self._timelines[name] for name in shown["deadlines"]}
        ids += [i for window in windows.values() for i in window["sources"]]
        situations = [self._situation(situation, status, shown) for situation in offered(all_situations, status["key"])]
        ids += [i for situation in situations if situation["reason"] for i in situation["sources"]]
        return {
            "version": self.version,
            "lang": "en",
            "status": status["key"],
            "label": shown["label"],
            "stage": status["stage"],
            "can_cancel": status["can_cancel"],
            "requested": requested,
            "verdict": shown["verdict"],
            "badge": shown["badge"],
            "action": {"key": shown["action"]["key"], "label": shown["action"]["label"]},
            # Texts, as the panel shows them; a step's own sources are in "sources".
            "steps": [step["text"] for step in shown["action"]["steps"]],
            "current_step": self._current_step(shown),
            "avoid": [line["text"] for line in shown["avoid"]],
            "warnings": shown["warnings"],
            "situations": situations,
            "windows": windows,
            "sources": [sources[i] for i in dict.fromkeys(ids)],
        }

    def _current_step(self, shown):
        """Where the shopper is on the way up, by the status alone: the index of the step of the
        escalation stage current for it, or None. (The panel moves it to the last stage when the
        page's countdown shows little buyer protection left, which only the page knows.)"""
        stage = self._escalation["current"].get(shown["key"])
        steps = [step.get("stage") for step in shown["action"]["steps"]]
        return steps.index(stage) if stage is not None and stage in steps else None

    @staticmethod
    def _situation(situation, status, shown):
        """A situation of ``status``; its message is the one for ``shown`` (see _compose)."""
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
            "template": situation["messages"].get(shown["key"], situation["messages"].get(shown["stage"])),
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

        badge, dated = base["badge"], base["badge"]["dated"]
        advice = {
            **base,
            "lang": lang,
            "label": tr(base["label"]),
            "verdict": tr(base["verdict"]),
            "badge": {"text": tr(badge["text"]), "dated": dated and {**dated, "text": tr(dated["text"])}},
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

    def advise(
        self,
        status=None,
        status_text=None,
        lang=None,
        situation=None,
        payment_method=None,
        requested_at=None,
        requested=False,
    ):
        """The advice for an order: by status key, or by the status text the page shows.

        ``requested`` (or a ``requested_at``): the shopper has sent a cancellation
        request, so a status that has a waiting state reads as it (``requested``
        in the answer says which advice it is); the status key and can_cancel stay.
        """
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
        states = self._translated[served][status] if served != "en" else self._base[status]
        advice = dict(states[bool(requested) or requested_at is not None])
        advice["badge"] = self._badge(advice["badge"])
        # A situation that doesn't apply to this status (one only a shipped order
        # can be in, for an order not shipped yet) is left out, not answered.
        advice["situation"] = situation if any(s["key"] == situation for s in advice["situations"]) else None
        if classification is not None:
            advice["confidence"] = classification.confidence
            advice["match"] = classification.match
        advice["refund"] = self._refund(payment_method, served) if "refund" in advice["windows"] else None
        advice["deadlines"] = dates.deadlines(advice, requested_at) if requested_at is not None else None
        return advice

    def _badge(self, badge):
        """The badge with the refund window filled in ({due} stays: only the browser dates it)."""
        refund = self._timelines["refund"]
        low, high = refund["min_business_days"], refund["max_business_days"]
        return {**badge, "text": badge["text"].format(refund=f"{low}\u2013{high}" if low != high else f"{low}")}

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
