"""Request and response schemas of the API.

The knowledge's own schemas (``orderwise.kb``) describe ``GET /knowledge``, so
the document and the files can't drift apart.
"""

import re
import unicodedata

import marshmallow as ma

from .. import extensions, kb, reports
from ..security import ALIEXPRESS_HOST

MAX_STATUS_TEXT = 64
MAX_LANG_TAG = 12  # the longest tag LANG_TAG allows: 3 + 1 + 8


class StrictSchema(ma.Schema):
    """Unknown fields are an error, not silently dropped.

    ``openapi_extra`` (a dict) is added to the schema's OpenAPI component, for
    what marshmallow fields can't say, such as a cross-field rule.
    """

    openapi_extra = None

    class Meta:
        unknown = ma.RAISE


class KnownKey(ma.validate.Validator):
    """One of the keys the running service's knowledge has, e.g. its situations.

    The choices are read from the app's knowledge when asked, so the OpenAPI
    document (which reads ``choices`` as an ``enum``) and the validation both
    follow the knowledge the service loaded, not a list copied here.
    """

    def __init__(self, collection, error):
        self.collection = collection
        self.error = error

    @property
    def choices(self):
        return list(getattr(extensions.engine().knowledge, self.collection))

    def __call__(self, value):
        if value not in self.choices:
            raise ma.ValidationError(self.error)
        return value


def _unwritable_ranges():
    """The Basic Multilingual Plane's control, format and line/paragraph separator characters,
    as \\u ranges for a character class (the same in Python's, ECMAScript's and Rust's
    regular expressions, so the OpenAPI document says exactly what is checked)."""
    ranges, start = [], None
    for code in range(0x10000 + 1):
        bad = code < 0x10000 and unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp")
        if bad and start is None:
            start = code
        elif not bad and start is not None:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{code - 1:04x}" if code - 1 > start else ""))
            start = None
    return "".join(ranges)


# Text that reaches a database and a maintainer's terminal: no NUL or other control
# characters (C0, DEL, C1), no format characters (bidi overrides and isolates,
# zero-width characters, BOM), no line or paragraph separators. Outside the BMP (tag
# characters, ...) nothing can reorder or break a line.
PLAIN_TEXT = f"^[^{_unwritable_ranges()}]*$"
# Half of a UTF-16 pair, alone: JSON's \\ud800 escapes allow it, no Unicode text holds it
# (so no pattern can name it), and neither PostgreSQL nor SQLite can store it.
SURROGATE = re.compile("[\ud800-\udfff]")


class PlainText(ma.validate.Validator):
    """The whole text matches PLAIN_TEXT (fullmatch: a regex's $ also matches before a final
    newline) and holds no lone surrogate."""

    pattern = re.compile(PLAIN_TEXT)
    error = "Has a control or format character (such as NUL, a line break or a bidi override) or a lone surrogate."

    def __call__(self, value):
        if self.pattern.fullmatch(value) is None or SURROGATE.search(value):
            raise ma.ValidationError(self.error)
        return value


def _lang(**kwargs):
    return ma.fields.String(
        validate=(
            ma.validate.Length(min=2, max=MAX_LANG_TAG),
            ma.validate.Regexp(kb.LANG_TAG, error="Not a language tag such as en or pt-BR."),
        ),
        metadata={"description": "The page's language, as a BCP 47 tag (en, pt-BR)."},
        **kwargs,
    )


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"example": "ok"})
    version = ma.fields.String(required=True, metadata={"description": "The knowledge version (its ETag)."})


class ReadySchema(ma.Schema):
    status = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(["ready", "degraded"]),
        metadata={"description": "`degraded`: answering, but the rate limits are not shared now."},
    )
    database = ma.fields.String(required=True, metadata={"example": "ok"})
    limits = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(["shared", "degraded", "instance", "off"]),
        metadata={
            "description": "`shared`: counted in Redis for every instance; `degraded`: Redis does not answer, "
            "so each instance counts on its own until it does; `instance`: counted per instance, as configured; "
            "`off`: not limited."
        },
    )


class KnowledgeSchema(ma.Schema):
    version = ma.fields.String(required=True)
    spelling_variants = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)
    statuses = ma.fields.List(ma.fields.Nested(kb.StatusSchema), required=True)
    situations = ma.fields.List(ma.fields.Nested(kb.SituationSchema), required=True)
    timelines = ma.fields.Nested(kb.TimelinesSchema, required=True)
    payment_methods = ma.fields.List(ma.fields.Nested(kb.PaymentMethodSchema), required=True)
    sources = ma.fields.List(ma.fields.Nested(kb.SourceSchema), required=True)
    followup = ma.fields.Nested(kb.FollowupSchema, required=True)
    cues = ma.fields.List(ma.fields.Nested(kb.CueSchema), required=True)
    disputes = ma.fields.Nested(kb.DisputesSchema, required=True)
    translations = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String()),
        required=True,
        metadata={"description": "Per language, each English advice text and its translation."},
    )


class ClassifyQuerySchema(StrictSchema):
    text = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_STATUS_TEXT),
        metadata={"description": "The status exactly as the order page shows it."},
    )
    lang = _lang()


class ClassificationSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(kb.STATUS_KEYS))
    confidence = ma.fields.Float(
        required=True,
        metadata={
            "description": "1 an exact word seen on real pages, 0.9 an assumed one, at most 0.7 partial, 0 unknown."
        },
    )
    match = ma.fields.String(
        required=True,
        allow_none=True,
        validate=ma.validate.OneOf(("exact", "partial")),
        metadata={"description": "How the text matched a known word; null when it matched none."},
    )


class StrictBoolean(ma.fields.Boolean):
    """JSON true or false only: not 0, 1 or "true" (0 == False in a Python set)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class AdviceQuerySchema(StrictSchema):
    openapi_extra = {
        "oneOf": [
            {"required": ["status"]},
            {"required": ["status_text"]},
        ],
        "description": "Give either status or status_text, not both.",
    }

    status = ma.fields.String(validate=ma.validate.OneOf(kb.STATUS_KEYS))
    status_text = ma.fields.String(
        validate=ma.validate.Length(min=1, max=MAX_STATUS_TEXT),
        metadata={"description": "The status as the page shows it, when the key is not known."},
    )
    lang = _lang()
    situation = ma.fields.String(
        validate=KnownKey("situations", "Unknown situation."),
        metadata={"description": "The buyer's situation: a key of the knowledge's situations."},
    )
    payment_method = ma.fields.String(
        validate=KnownKey("payment_methods", "Unknown payment method."),
        metadata={"description": "How the order was paid: a key of the knowledge's payment methods."},
    )
    requested_at = ma.fields.AwareDateTime(
        format="iso", metadata={"description": "When the cancellation was requested, with its UTC offset."}
    )
    requested = StrictBoolean(
        metadata={
            "description": "The shopper has sent a cancellation request (or the order page shows one), even "
            "without its time: the advice is the one for waiting on the seller. Implied by requested_at."
        },
    )

    @ma.validates_schema
    def status_or_text(self, data, **kwargs):
        if ("status" in data) == ("status_text" in data):
            raise ma.ValidationError("Give either status or status_text, not both and not neither.")


class ActionRefSchema(ma.Schema):
    key = ma.fields.String(required=True)
    label = ma.fields.String(required=True)


class SourceRefSchema(kb.SourceSchema):
    """A source as the knowledge serves it: ``checked`` is already an ISO date, or null."""

    checked = ma.fields.String(required=True, allow_none=True, metadata={"format": "date"})


class SituationAdviceSchema(ma.Schema):
    key = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    reason = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "What to pick in the cancel form; null if none."}
    )
    fault = ma.fields.String(required=True, allow_none=True, validate=ma.validate.OneOf(("buyer", "seller")))
    reason_evidence = ma.fields.String(required=True, allow_none=True)
    sources = ma.fields.List(ma.fields.String(), required=True)
    note = ma.fields.String(required=True)
    template = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The message to the seller, with {order_id} to fill in; null if none is needed."},
    )
    template_translation = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The message in the advice's language, to show beside the English one the seller "
            "gets; null in English or when no translation exists."
        },
    )


class AdviceDatedBadgeSchema(ma.Schema):
    text = ma.fields.String(
        required=True, metadata={"description": "The badge with {due}, to fill with the deadline's relative time."}
    )
    deadline = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(kb.DEADLINE_KINDS),
        metadata={"description": "Which deadline {due} is: a deadline kind of the knowledge's followup."},
    )


class AdviceBadgeSchema(ma.Schema):
    text = ma.fields.String(required=True, metadata={"description": "The badge beside the status, in a few words."})
    dated = ma.fields.Nested(
        AdviceDatedBadgeSchema,
        required=True,
        allow_none=True,
        metadata={"description": "The badge to show once the deadline is dated; null if the badge has no date."},
    )


class RefundSchema(ma.Schema):
    payment_method = ma.fields.String(required=True, allow_none=True)
    refund_to = ma.fields.String(required=True, allow_none=True)
    min_business_days = ma.fields.Integer(required=True)
    max_business_days = ma.fields.Integer(required=True)
    uncertain = ma.fields.Boolean(required=True)


class AnswerWindowSchema(ma.Schema):
    earliest = ma.fields.String(required=True, metadata={"description": "ISO 8601 date-time with offset."})
    latest = ma.fields.String(required=True)
    uncertain = ma.fields.Boolean(required=True)


class RefundWindowSchema(ma.Schema):
    earliest = ma.fields.String(required=True, metadata={"description": "ISO 8601 date."})
    latest = ma.fields.String(required=True)
    business_days = ma.fields.List(ma.fields.Integer(), required=True)
    uncertain = ma.fields.Boolean(required=True)


class DeadlinesSchema(ma.Schema):
    seller_answer = ma.fields.Nested(AnswerWindowSchema)
    refund = ma.fields.Nested(RefundWindowSchema)


class AdviceSchema(ma.Schema):
    version = ma.fields.String(required=True)
    lang = ma.fields.String(
        required=True,
        metadata={"description": "The language the texts are in: the requested one if translated, else en."},
    )
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(kb.STATUS_KEYS))
    confidence = ma.fields.Float(metadata={"description": "Present when the status came from status_text."})
    match = ma.fields.String(allow_none=True, metadata={"description": "With confidence: exact, partial or null."})
    label = ma.fields.String(required=True)
    stage = ma.fields.String(required=True, validate=ma.validate.OneOf(kb.STAGES))
    can_cancel = ma.fields.String(required=True, validate=ma.validate.OneOf(kb.CAN_CANCEL))
    requested = ma.fields.Boolean(
        required=True,
        metadata={
            "description": "Whether this is the advice once a cancellation request is sent: the status is the "
            "request itself, or it was asked with requested/requested_at and the status has a waiting state."
        },
    )
    verdict = ma.fields.String(required=True)
    badge = ma.fields.Nested(AdviceBadgeSchema, required=True)
    action = ma.fields.Nested(ActionRefSchema, required=True)
    steps = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={
            "description": "What to do, in order. A step's own sources (those of its numbers) are in sources; "
            "GET /knowledge gives each step with them, and uncertain where no source states it."
        },
    )
    current_step = ma.fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "The index in steps of the step the shopper is at now, for a status on the way up "
            "after shipping (followup.escalation in GET /knowledge); null for other statuses. With fewer than "
            "escalation.urgent_days of buyer protection left, the step of the last stage is current instead."
        },
    )
    avoid = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "What not to do. Each line's sources are in sources."},
    )
    warnings = ma.fields.List(ma.fields.Nested(kb.WarningSchema), required=True)
    situation = ma.fields.String(required=True, allow_none=True)
    situations = ma.fields.List(ma.fields.Nested(SituationAdviceSchema), required=True)
    windows = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(kb.WindowSchema), required=True)
    refund = ma.fields.Nested(RefundSchema, required=True, allow_none=True)
    deadlines = ma.fields.Nested(DeadlinesSchema, required=True, allow_none=True)
    sources = ma.fields.List(
        ma.fields.Nested(SourceRefSchema),
        required=True,
        metadata={
            "description": "Every source the advice cites, once: the status's, its steps', warnings', "
            "avoid lines', windows' and situations' reasons'."
        },
    )


class ReportSchema(StrictSchema):
    """A status word the extension could not read, and nothing else."""

    text = ma.fields.String(
        required=True,
        # Length only: "has a letter" or "is not blank" mean different things to
        # different regex engines (\w, \s), so the document could not say them the
        # same way to every client. The extension offers no report for a blank text.
        validate=(ma.validate.Length(min=1, max=reports.MAX_TEXT), PlainText()),
        metadata={
            "description": "The status as the page shows it, without control or format characters.",
            "pattern": PLAIN_TEXT,
        },
    )
    lang = _lang(required=True)
    host = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(f"^{ALIEXPRESS_HOST}$", error="Not an AliExpress storefront host."),
        metadata={
            "description": "The storefront the page is on, such as www.aliexpress.com.",
            "example": "aliexpress.ru",
        },
    )
    page_kind = ma.fields.String(required=True, validate=ma.validate.OneOf(reports.PAGE_KINDS))

    @ma.validates("lang", "host")
    def no_line_break(self, value, **kwargs):
        # Stored as sent, and a regular expression's $ also matches before a final newline.
        if value != value.strip():
            raise ma.ValidationError("Has spaces or a line break around it.")


class ReportCountSchema(ma.Schema):
    count = ma.fields.Integer(required=True, metadata={"description": "How often this word was reported here."})
