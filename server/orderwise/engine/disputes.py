"""The dispute kit, composed from the knowledge: the mirror of the extension's
content/kit.js (tests/golden/disputes.json holds both to the same result).

``kit`` gives what the panel's kit shows for a status, in a language;
``description`` fills the description with the facts an order page shows.
The facts are read in the browser and never reach the service: here they are
only the golden files' examples.
"""


def kit(data, status, situation=None, lang="en"):
    """The kit for an order in ``status`` with the kit situation ``situation``
    (else the status's default, else the first), in ``lang``; None where the
    status has no kit."""
    disputes = data["disputes"]
    if status not in disputes["statuses"]:
        return None
    table = data.get("translations", {}).get(lang, {})

    def tr(text):
        return table.get(text, text)

    situations = disputes["situations"]
    chosen = next((s for s in situations if s["key"] == situation), None)
    chosen = chosen or next((s for s in situations if status in s["default_for"]), situations[0])
    earliest = disputes["earliest"]
    window = data["timelines"][earliest["timeline"]]
    english = [chosen["summary"], disputes["fact_lines"], chosen["request"], disputes["closing"]]
    translated = [tr(chosen["summary"]), [tr(line) for line in disputes["fact_lines"]], tr(chosen["request"])]
    translated.append(tr(disputes["closing"]))
    sources = [i for item in chosen["evidence"] for i in item["sources"]]
    sources += window["sources"] + disputes["last_day"]["sources"]
    return {
        "label": tr(disputes["label"]),
        "situations": [[s["key"], tr(s["label"])] for s in situations],
        "situation": {
            "key": chosen["key"],
            "label": tr(chosen["label"]),
            "evidence": [
                {"text": tr(item["text"]), "uncertain": item["uncertain"], "sources": item["sources"]}
                for item in chosen["evidence"]
            ],
        },
        "template": english,
        # None in English: the description is English already.
        "template_translation": translated if lang != "en" else None,
        "earliest": {
            "days": window["min_days"],
            "too_early": tr(earliest["too_early"]),
            "from_ship": tr(earliest["from_ship"]),
            "from_order": tr(earliest["from_order"]),
            "sources": window["sources"],
        },
        "last_day": {"rule": tr(disputes["last_day"]["rule"]), "sources": disputes["last_day"]["sources"]},
        "sources": list(dict.fromkeys(sources)),
    }


def description(template, facts):
    """The description from a kit's ``template`` (or its translation) with
    ``facts`` ({name: text as the page shows it}) filled in: the summary, one
    line per fact line whose facts are all known, the request and the closing."""
    if template is None:
        return None
    summary, lines, request, closing = template
    known = {name: value for name, value in facts.items() if value}
    kept = []
    for line in lines:
        try:
            kept.append(line.format(**known))
        except KeyError:
            continue  # a fact this page doesn't show
    return "\n\n".join([summary, "\n".join(kept), f"{request} {closing}"])
