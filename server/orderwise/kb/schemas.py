"""What each knowledge file must hold: one marshmallow schema per file (``FILES``),
built from the schemas of its parts, and the fixed names the engine and the
extension rely on."""

import re
import string

import marshmallow as ma

STATUS_KEYS = (
    "unpaid",
    "payment_processing",
    "awaiting_shipment",
    "cancel_requested",
    "partially_shipped",
    "shipped",
    "delivered",
    "completed",
    "cancelled",
    "refund_processing",
    "frozen",
    "in_dispute",
    "dispute_closed",
    "unknown",
)
STAGES = ("before_payment", "before_shipment", "after_shipment", "closed", "unknown")
# A situation's messages by stage; a delivered order may have its own, which
# speaks of a parcel that has arrived (otherwise it gets the after_shipment one),
# and so does an order whose cancellation request is already sent
# (cancel_requested: the before_shipment message is the one sent before it).
MESSAGE_KEYS = (*STAGES, "delivered", "cancel_requested")
CAN_CANCEL = ("yes", "request", "no", "unknown")
EVIDENCE = ("official", "official_old", "official_copy", "third_party", "observed", "unsourced")
WORD_EVIDENCE = ("seen", "reported", "assumed")
DEADLINES = ("seller_reply", "refund")
# What the extension dates for an order: from the page's timers, or by a rule.
DEADLINE_KINDS = ("seller_answer", "ship_by", "protection_ends", "no_delivery_refund", "refund_due")
PLACEHOLDERS = frozenset({"order_id"})
# A badge's plain text may name the refund window ({refund}: "3–20", from the
# timelines, filled by both engines); its dated text names the deadline's
# relative time ({due}: "in 2 days"), which only the browser knows.
BADGE_PLACEHOLDERS = frozenset({"refund"})
DATED_BADGE_PLACEHOLDERS = frozenset({"due"})
# Aim for a pill on a busy list; past this the knowledge does not load.
BADGE_MAX = 40
# (?!\n): Python's $ also matches before a final newline; the OpenAPI document
# shows this pattern, and in a JSON Schema (ECMA) engine the lookahead changes nothing.
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$(?!\n)")


def _text(max_len=600, **kwargs):
    return ma.fields.String(validate=ma.validate.Length(min=1, max=max_len), **kwargs)


def _key(**kwargs):
    return ma.fields.String(
        validate=ma.validate.Regexp(r"^[a-z][a-z0-9_-]*$", error="Must be lower_snake_case."),
        **kwargs,
    )


def _flag(**kwargs):
    """A boolean that accepts only true and false, not "yes" or 1."""
    return ma.fields.Boolean(truthy={True}, falsy={False}, **kwargs)


def _source_ids():
    return ma.fields.List(_key(), required=True)


class SourceSchema(ma.Schema):
    id = _key(required=True)
    title = _text(200, required=True)
    url = ma.fields.Url(load_default=None, allow_none=True)
    evidence = ma.fields.String(required=True, validate=ma.validate.OneOf(EVIDENCE))
    # The day a maintainer last compared the fact with its page; empty (null)
    # where nobody has, so no date is claimed for a comparison never made.
    checked = ma.fields.Date(required=True, allow_none=True)


class WordSchema(ma.Schema):
    text = _text(64, required=True)
    lang = ma.fields.String(required=True, validate=ma.validate.Regexp(LANG_TAG))
    evidence = ma.fields.String(required=True, validate=ma.validate.OneOf(WORD_EVIDENCE))
    match = ma.fields.String(load_default="exact", validate=ma.validate.OneOf(("exact", "contains")))
    sources = _source_ids()


class CueWordSchema(ma.Schema):
    text = _text(64, required=True)
    lang = ma.fields.String(required=True, validate=ma.validate.Regexp(LANG_TAG))
    # prefix: at the start of a word of the status text; contains: anywhere in it.
    match = ma.fields.String(load_default="prefix", validate=ma.validate.OneOf(("prefix", "contains")))


class CueSchema(ma.Schema):
    """Words of money going back, a dispute or a freeze: a partial match never outranks them."""

    key = _key(required=True)
    statuses = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)),
        required=True,
        validate=ma.validate.Length(min=1),
    )
    words = ma.fields.List(ma.fields.Nested(CueWordSchema), required=True, validate=ma.validate.Length(min=1))


class StepSchema(ma.Schema):
    """A step of a status's action. A step that states a number (a digit in its
    text) names the sources that state it, or is marked uncertain; any other
    step may be a plain string, read as a step citing nothing of its own.
    ``stage``: the stage of followup.yaml's escalation the step belongs to, so
    the panel can mark it as where the shopper is (checked when loading)."""

    text = _text(required=True)
    sources = ma.fields.List(_key(), load_default=list)
    uncertain = _flag(load_default=False)
    # Absent, not null, on a step of no stage: the snapshot stays small.
    stage = _key()

    @ma.pre_load
    def _plain_string(self, data, **kwargs):
        return {"text": data} if isinstance(data, str) else data

    @ma.validates_schema
    def _number_sourced_or_uncertain(self, data, **kwargs):
        if any(c.isdigit() for c in data["text"]) and not data["sources"] and not data["uncertain"]:
            raise ma.ValidationError(
                "States a number: give the sources that state it, or mark it uncertain: true.", "sources"
            )


class ActionSchema(ma.Schema):
    key = _key(required=True)
    label = _text(120, required=True)
    steps = ma.fields.List(ma.fields.Nested(StepSchema), required=True, validate=ma.validate.Length(min=1))
    # The steps as they read on the order's own page, where steps that lead
    # there ("Open the order with Details") have nothing to do.
    on_order_page = ma.fields.List(_text(), validate=ma.validate.Length(min=1))

    @ma.validates_schema
    def _numbers_on_the_order_page_are_steps(self, data, **kwargs):
        """These stay plain texts (the panel reads them from the knowledge); one that states a
        number repeats a step word for word, so that step's sources stand behind it and are cited."""
        steps = {step["text"] for step in data["steps"]}
        for j, text in enumerate(data.get("on_order_page", [])):
            if any(c.isdigit() for c in text) and text not in steps:
                message = "States a number: give it word for word in steps too, with the sources that state it."
                raise ma.ValidationError({"on_order_page": {j: [message]}})


class WarningSchema(ma.Schema):
    text = _text(required=True)
    sources = _source_ids()


class SourcedLineSchema(ma.Schema):
    """A line of advice backed by sources, or marked uncertain where none states it."""

    text = _text(required=True)
    sources = ma.fields.List(_key(), load_default=list)
    uncertain = _flag(load_default=False)

    @ma.validates_schema
    def _sourced_or_uncertain(self, data, **kwargs):
        if not data.get("sources") and not data.get("uncertain"):
            raise ma.ValidationError("Give its sources, or mark it uncertain: true.", "sources")


class AvoidSchema(SourcedLineSchema):
    """A "don't"."""


def _names(template):
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise ma.ValidationError(f"not a valid template: {exc}.") from None


def _only_placeholders(template, allowed, required=False):
    names = _names(template)
    unknown = names - allowed
    if unknown:
        raise ma.ValidationError(f"unknown placeholder {{{sorted(unknown)[0]}}}; allowed: {sorted(allowed)}.")
    if required and not names:
        raise ma.ValidationError(f"must name the deadline's time as {{{sorted(allowed)[0]}}}.")


class DatedBadgeSchema(ma.Schema):
    """The badge once the browser knows the deadline: {due} becomes its relative time."""

    text = _text(BADGE_MAX, required=True)
    deadline = ma.fields.String(required=True, validate=ma.validate.OneOf(DEADLINE_KINDS))

    @ma.validates("text")
    def check_text(self, value, **kwargs):
        _only_placeholders(value, DATED_BADGE_PLACEHOLDERS, required=True)


class BadgeSchema(ma.Schema):
    """The pill beside the order's status: a short answer to "can I cancel?"."""

    text = _text(BADGE_MAX, required=True)
    dated = ma.fields.Nested(DatedBadgeSchema, load_default=None, allow_none=True)

    @ma.validates("text")
    def check_text(self, value, **kwargs):
        _only_placeholders(value, BADGE_PLACEHOLDERS)


class StatusSchema(ma.Schema):
    key = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUS_KEYS))
    stage = ma.fields.String(required=True, validate=ma.validate.OneOf(STAGES))
    can_cancel = ma.fields.String(required=True, validate=ma.validate.OneOf(CAN_CANCEL))
    label = _text(80, required=True)
    verdict = _text(required=True)
    sources = _source_ids()
    deadlines = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(DEADLINES)), required=True)
    action = ma.fields.Nested(ActionSchema, required=True)
    avoid = ma.fields.List(ma.fields.Nested(AvoidSchema), required=True)
    warnings = ma.fields.List(ma.fields.Nested(WarningSchema), required=True)
    words = ma.fields.List(ma.fields.Nested(WordSchema), required=True)
    badge = ma.fields.Nested(BadgeSchema, required=True)
    # The status whose advice (verdict, badge, steps, messages) applies once the
    # shopper has sent a cancellation request; the order keeps its own key.
    once_requested = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.OneOf(STATUS_KEYS))


class ReasonSchema(ma.Schema):
    label = _text(120, required=True)
    fault = ma.fields.String(required=True, validate=ma.validate.OneOf(("buyer", "seller")))
    evidence = ma.fields.String(required=True, validate=ma.validate.OneOf(("seen", "assumed")))
    sources = _source_ids()


class SituationSchema(ma.Schema):
    key = _key(required=True)
    label = _text(80, required=True)
    # Offered only for these statuses; empty: for every status.
    statuses = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)), load_default=list)
    reason = ma.fields.Nested(ReasonSchema, required=True)
    note = _text(required=True)
    messages = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.OneOf(MESSAGE_KEYS)),
        values=_text(1000),
        required=True,
    )

    @ma.validates("messages")
    def check_placeholders(self, value, **kwargs):
        for stage, template in value.items():
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
            unknown = names - PLACEHOLDERS
            if unknown:
                raise ma.ValidationError(f"{stage}: unknown placeholder {{{sorted(unknown)[0]}}}.")


class WindowSchema(ma.Schema):
    label = _text(120, required=True)
    min_hours = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    max_hours = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    min_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    max_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    min_business_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    max_business_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    uncertain = _flag(required=True)
    note = _text(required=True)
    sources = _source_ids()

    @ma.validates_schema
    def check_range(self, data, **kwargs):
        units = [u for u in ("hours", "days", "business_days") if f"min_{u}" in data or f"max_{u}" in data]
        if len(units) != 1:
            raise ma.ValidationError("Give exactly one of min/max_hours, min/max_days, min/max_business_days.")
        low, high = data.get(f"min_{units[0]}"), data.get(f"max_{units[0]}")
        if low is None or high is None:
            raise ma.ValidationError(f"Give both min_{units[0]} and max_{units[0]}.")
        if low > high:
            raise ma.ValidationError(f"min_{units[0]} is greater than max_{units[0]}.", f"min_{units[0]}")


class DeadlineKindSchema(ma.Schema):
    label = _text(120, required=True)
    then = _text(required=True)
    sources = _source_ids()


class DontNagSchema(ma.Schema):
    text = _text(required=True)
    wait_hours = ma.fields.Integer(strict=True, required=True, validate=ma.validate.Range(min=1, max=24 * 14))
    uncertain = _flag(required=True)
    sources = _source_ids()


class ConfirmReceiptSchema(ma.Schema):
    label = _text(120, required=True)
    checklist = ma.fields.List(_text(200), required=True, validate=ma.validate.Length(min=1))
    warning = ma.fields.Nested(WarningSchema, required=True)


class EscalationSchema(ma.Schema):
    """The way up after shipping: its stages in order, the one each status is at, and how near the end of
    buyer protection makes the last one current. Its steps are the statuses' own (a step's ``stage``)."""

    stages = ma.fields.List(_key(), required=True, validate=ma.validate.Length(min=1))
    current = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)), values=_key(), required=True
    )
    urgent_days = ma.fields.Integer(strict=True, required=True, validate=ma.validate.Range(min=1, max=60))

    @ma.validates_schema
    def _known_stages(self, data, **kwargs):
        stages = data["stages"]
        for i, stage in enumerate(stages):
            if stages.index(stage) != i:
                raise ma.ValidationError({"stages": {i: [f"duplicate stage {stage!r}."]}})
        for status, stage in data["current"].items():
            if stage not in stages:
                raise ma.ValidationError({"current": {status: [f"unknown stage {stage!r}; stages: {stages}."]}})


class FollowupSchema(ma.Schema):
    """followup.yaml: deadlines, the rules behind them, and what to do around them."""

    deadline_kinds = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.OneOf(DEADLINE_KINDS)),
        values=ma.fields.Nested(DeadlineKindSchema),
        required=True,
    )
    rules = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.OneOf(DEADLINE_KINDS)),
        values=ma.fields.String(validate=ma.validate.OneOf(("seller_reply", "refund"))),
        required=True,
    )
    dont_nag = ma.fields.Nested(DontNagSchema, required=True)
    confirm_receipt = ma.fields.Nested(ConfirmReceiptSchema, required=True)
    escalation = ma.fields.Nested(EscalationSchema, required=True)

    @ma.validates("deadline_kinds")
    def check_all_kinds(self, value, **kwargs):
        missing = [kind for kind in DEADLINE_KINDS if kind not in value]
        if missing:
            raise ma.ValidationError(f"missing deadline kind {missing[0]!r}.")


class PaymentMethodSchema(ma.Schema):
    key = _key(required=True)
    label = _text(80, required=True)
    refund_to = _text(required=True)
    min_business_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    max_business_days = ma.fields.Integer(strict=True, validate=ma.validate.Range(min=0))
    uncertain = _flag(load_default=False)
    note = _text()
    sources = _source_ids()


class TimelinesSchema(ma.Schema):
    seller_reply = ma.fields.Nested(WindowSchema, required=True)
    refund = ma.fields.Nested(WindowSchema, required=True)
    payment_check = ma.fields.Nested(WindowSchema, required=True)
    dispute_opens = ma.fields.Nested(WindowSchema, required=True)
    after_delivery = ma.fields.Nested(WindowSchema, required=True)


# One schema per file: the file's name, then what it must hold.
class SourcesFileSchema(ma.Schema):
    sources = ma.fields.List(ma.fields.Nested(SourceSchema), required=True)


class StatusesFileSchema(ma.Schema):
    spelling_variants = ma.fields.Dict(keys=_text(40), values=_text(40), required=True)
    statuses = ma.fields.List(ma.fields.Nested(StatusSchema), required=True)


class SituationsFileSchema(ma.Schema):
    situations = ma.fields.List(ma.fields.Nested(SituationSchema), required=True)


class TimelinesFileSchema(ma.Schema):
    timelines = ma.fields.Nested(TimelinesSchema, required=True)
    payment_methods = ma.fields.List(ma.fields.Nested(PaymentMethodSchema), required=True)


class CuesFileSchema(ma.Schema):
    cues = ma.fields.List(ma.fields.Nested(CueSchema), required=True)


class TranslationFileSchema(ma.Schema):
    texts = ma.fields.Dict(keys=_text(1000), values=_text(1000), required=True)


FILES = {
    "cues.yaml": CuesFileSchema,
    "followup.yaml": FollowupSchema,
    "sources.yaml": SourcesFileSchema,
    "statuses.yaml": StatusesFileSchema,
    "situations.yaml": SituationsFileSchema,
    "timelines.yaml": TimelinesFileSchema,
}
