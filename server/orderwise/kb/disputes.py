"""disputes.yaml, the dispute kit: its schema, what ties it to the other files,
and its English texts for the translations."""

import string

import marshmallow as ma

from .schemas import STATUS_KEYS, SourcedLineSchema, _key, _source_ids, _text

NAME = "disputes.yaml"
# The facts of the order page a description line may name.
FACTS = ("order_id", "order_date", "paid_date", "ship_date", "carrier", "tracking", "protection_end", "store")
EARLIEST = ("days", "date")


def placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _template(max_len, allowed, **kwargs):
    """A text whose placeholders are among ``allowed``."""
    return ma.fields.String(validate=[ma.validate.Length(min=1, max=max_len), _known(allowed)], **kwargs)


def _known(allowed):
    def check(template):
        try:
            unknown = placeholders(template) - set(allowed)
        except ValueError as exc:
            raise ma.ValidationError(f"not a valid template: {exc}.") from None
        if unknown:
            raise ma.ValidationError(f"unknown placeholder {{{sorted(unknown)[0]}}}.")

    return check


class EvidenceSchema(SourcedLineSchema):
    """One thing to gather."""

    text = _text(200, required=True)


class KitSituationSchema(ma.Schema):
    key = _key(required=True)
    label = _text(80, required=True)
    # The situation the kit opens with for these statuses.
    default_for = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)), load_default=list)
    summary = _template(300, (), required=True)
    request = _template(200, (), required=True)
    evidence = ma.fields.List(ma.fields.Nested(EvidenceSchema), required=True, validate=ma.validate.Length(min=1))


class EarliestSchema(ma.Schema):
    timeline = _key(required=True)
    too_early = _template(300, EARLIEST, required=True)
    from_ship = _text(200, required=True)
    from_order = _text(200, required=True)


class LastDaySchema(ma.Schema):
    rule = _text(required=True)
    sources = _source_ids()


class DisputesSchema(ma.Schema):
    label = _text(80, required=True)
    statuses = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)), required=True, validate=ma.validate.Length(min=1)
    )
    fact_lines = ma.fields.List(_template(200, FACTS), required=True, validate=ma.validate.Length(min=1))
    closing = _template(200, (), required=True)
    situations = ma.fields.List(ma.fields.Nested(KitSituationSchema), required=True, validate=ma.validate.Length(min=1))
    earliest = ma.fields.Nested(EarliestSchema, required=True)
    last_day = ma.fields.Nested(LastDaySchema, required=True)


def check_links(kit, timelines, known_sources, error):
    """What the schema can't see: duplicate keys, one default per status, the
    earliest day's timeline in days, every source id known. ``error(field, message)``
    raises the loader's error."""
    keys, defaults = set(), {}
    for i, situation in enumerate(kit["situations"]):
        if situation["key"] in keys:
            error(f"situations.{i}.key", f"duplicate {situation['key']!r}")
        keys.add(situation["key"])
        for status in situation["default_for"]:
            if status not in kit["statuses"]:
                error(f"situations.{i}.default_for", f"{status!r} has no dispute kit")
            if status in defaults:
                error(f"situations.{i}.default_for", f"{status!r} already opens with {defaults[status]!r}")
            defaults[status] = situation["key"]
        for j, item in enumerate(situation["evidence"]):
            for k, source in enumerate(item["sources"]):
                if source not in known_sources:
                    error(f"situations.{i}.evidence.{j}.sources.{k}", f"unknown source {source!r}")
    window = timelines.get(kit["earliest"]["timeline"])
    if window is None or "min_days" not in window:
        error("earliest.timeline", "must name a timeline counted in days")
    for k, source in enumerate(kit["last_day"]["sources"]):
        if source not in known_sources:
            error(f"last_day.sources.{k}", f"unknown source {source!r}")


def texts(kit):
    """The kit's English texts, in a fixed order: label, fact lines, closing,
    each situation (label, summary, request, evidence), earliest, last day."""
    out = [kit["label"], *kit["fact_lines"], kit["closing"]]
    for situation in kit["situations"]:
        out += [situation["label"], situation["summary"], situation["request"]]
        out += [item["text"] for item in situation["evidence"]]
    earliest = kit["earliest"]
    out += [earliest["too_early"], earliest["from_ship"], earliest["from_order"], kit["last_day"]["rule"]]
    return out


def templates(kit):
    """The kit's texts with placeholders: a translation must keep them."""
    return {text for text in texts(kit) if placeholders(text)}
