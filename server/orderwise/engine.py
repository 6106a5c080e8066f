"""Choosing advice: plain Python over a ``Knowledge``, no Flask.

``Engine(knowledge)`` precomputes at load what does not depend on the request
(the folded word index, each status's advice, the situations for each stage),
so ``classify`` and ``advise`` only look things up and date the deadlines.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from . import kb

MAX_TEXT = 64

# How sure a reading is. An exact word seen or reported on real pages is sure;
# an exact word nobody saw (`assumed`) a little less; a partial match at most
# PREFIX. The extension reads with the same numbers (CONFIDENCE in
# extension/common/words.js).
EXACT = 1.0
EXACT_ASSUMED = 0.9
PREFIX = 0.7  # the text starts with a known word
CONTAINS = 0.6  # a `contains` word anywhere in the text
CUE = 0.6  # a cue of money going back, a dispute or a freeze decided
WORD = 0.5  # a known word among the text's words


@dataclass(frozen=True)
class Classification:
    status: str
    confidence: float
    match: str | None = None  # "exact", "partial", or None when nothing matched
    words: str | None = None  # the knowledge's word or cue (folded) that decided


def add_business_days(start, days):
    """The date ``days`` business days after ``start`` (Monday to Friday count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    # Counting from a Saturday or Sunday is counting from the Friday before it;
    # from a weekday, whole weeks can then be skipped at once.
    current = start - timedelta(days=max(0, start.weekday() - 4))
    weeks, rest = divmod(days, 5)
    current += timedelta(weeks=weeks)
    while rest:
        current += timedelta(days=1)
        if current.weekday() < 5:
            rest -= 1
    return current


def _business_window(start, min_days, max_days, latest_start=None):
    return {
        "earliest": add_business_days(start, min_days).isoformat(),
        "latest": add_business_days(latest_start or start, max_days).isoformat(),
        "business_days": [min_days, max_days],
    }


class Engine:
    def __init__(self, knowledge):
        self.knowledge = knowledge
        data = knowledge.data
        self.version = knowledge.version
        self._variants = data["spelling_variants"]
        self._statuses = knowledge.statuses
        self._methods = knowledge.payment_methods
        self._timelines = data["timelines"]
        self._translations = data.get("translations", {})
        sources = knowledge.sources

        # Folded word -> (status key, confidence), plus the lists the fallbacks
        # walk, longest first, and the cues in their order.
        self._exact, self._prefixes, self._contains, self._cues = word_table(data)

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
        """The status key for a status text as the page shows it; ``unknown`` if unsure.

        Fails safe: an exact word first; else a partial match, unless the text
        holds a cue (money going back, a dispute, a freeze) whose statuses the
        partial match is not among: then the cue decides. A generic word inside
        a longer status ("processing" in "Fund processing") never gives its verdict.
        """
        if not isinstance(text, str):
            return Classification("unknown", 0.0)
        folded = kb.normalize(text[: MAX_TEXT * 4], self._variants)
        if not folded:
            return Classification("unknown", 0.0)
        exact = self._exact.get(folded)
        if exact:
            return Classification(exact[0], exact[1], "exact", folded)
        partial = self._partial(folded)
        cue = self._cue(folded)
        if cue and (partial is None or partial.status not in cue[0]):
            return Classification(cue[1], CUE, "partial", cue[2])
        return partial or Classification("unknown", 0.0)

    def _partial(self, folded):
        """The text starting with a known word (longest first), a `contains` word
        anywhere, or a known word among the text's words."""
        for word, key in self._prefixes:
            if folded.startswith(word):
                return Classification(key, PREFIX, "partial", word)
        for word, key in self._contains:
            if word in folded:
                return Classification(key, CONTAINS, "partial", word)
        padded = f" {folded} "
        for word, key in self._prefixes:
            if f" {word} " in padded:
                return Classification(key, WORD, "partial", word)
        return None

    def _cue(self, folded):
        """The first cue (in the knowledge's order) the text holds:
        (its statuses, the status it gives, the cue word), or None."""
        padded = f" {folded}"
        for statuses, status, words in self._cues:
            for word, match in words:
                if (word in folded) if match == "contains" else (f" {word}" in padded):
                    return statuses, status, word
        return None

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
        advice["deadlines"] = self._deadlines(advice, requested_at) if requested_at is not None else None
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

    def _deadlines(self, advice, requested_at):
        if not isinstance(requested_at, datetime) or requested_at.tzinfo is None:
            raise ValueError("requested_at must be a datetime with a time zone")
        windows = advice["windows"]
        deadlines = {}
        answer_latest = requested_at
        if "seller_reply" in windows:
            reply = windows["seller_reply"]
            answer_latest = requested_at + timedelta(hours=reply["max_hours"])
            deadlines["seller_answer"] = {
                "earliest": (requested_at + timedelta(hours=reply["min_hours"])).isoformat(),
                "latest": answer_latest.isoformat(),
                "uncertain": reply["uncertain"],
            }
        if advice["refund"] is not None:
            refund = advice["refund"]
            deadlines["refund"] = {
                **_business_window(
                    requested_at.date(),
                    refund["min_business_days"],
                    refund["max_business_days"],
                    latest_start=answer_latest.date(),
                ),
                "uncertain": refund["uncertain"],
            }
        return deadlines


def word_table(data):
    """The lookup tables classify() reads, from the knowledge's wire form; the
    extension builds the same in common/words.js.

    exact: folded word -> (status key, EXACT or EXACT_ASSUMED); a later word wins.
    prefixes and contains: [(folded word, status key)], longest first (a stable sort).
    cues: [(statuses, the first of them (the one the cue gives), [(folded cue word, match)]
    longest first)], in the knowledge's order.
    """
    variants = data["spelling_variants"]
    exact, prefixes, contains = {}, [], []
    for status in data["statuses"]:
        for word in status["words"]:
            folded = kb.normalize(word["text"], variants)
            if not folded:
                continue
            exact[folded] = (status["key"], EXACT_ASSUMED if word["evidence"] == "assumed" else EXACT)
            (contains if word["match"] == "contains" else prefixes).append((folded, status["key"]))
    cues = []
    for cue in data.get("cues", []):
        words = [(kb.normalize(word["text"], variants), word["match"]) for word in cue["words"]]
        words = sorted((word for word in words if word[0]), key=lambda item: -len(item[0]))
        cues.append((tuple(cue["statuses"]), cue["statuses"][0], words))
    longest_first = lambda item: -len(item[0])  # noqa: E731
    return exact, sorted(prefixes, key=longest_first), sorted(contains, key=longest_first), cues


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
