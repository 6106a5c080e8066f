"""Reading a status text as a page shows it: which status it names, and how
sure that is. Plain Python over the knowledge's wire form, no Flask."""

from dataclasses import dataclass

from .. import kb

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


class Reader:
    """classify() over the lookup tables of one knowledge (see word_table)."""

    def __init__(self, data):
        self._variants = data["spelling_variants"]
        self._exact, self._prefixes, self._contains, self._cues = word_table(data)

    def classify(self, text):
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
