"""Status texts folded for matching, the same way on pages and in the knowledge."""

import unicodedata


def normalize(text, variants=None):
    """Fold a status text for matching: NFKC, lower case, letters/digits/marks only.

    Turkish dotted and dotless i fold to plain i (İ lower-cases to i plus a
    combining dot, and I to i, not ı), so "İPTAL EDİLDİ", "KAPANDI" and
    "Kapandı" fold like the words. The extension folds the same way
    (``normalize`` in extension/common/words.js); keep the two in step.
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("i\u0307", "i").replace("ı", "i")
    kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in text)
    words = kept.split()
    if variants:
        words = [variants.get(word, word) for word in words]
    return " ".join(words)
