"""The knowledge base: the YAML files in ``knowledge/``, validated and versioned.

Every piece of advice Orderwise gives is data in those files. ``load()`` reads
them, checks each against its marshmallow schema, checks what ties the files
together (every source id exists, no status word belongs to two statuses, ...)
and returns a ``Knowledge`` whose ``data`` is exactly what ``GET
/api/v1/knowledge`` serves and what the extension ships as its snapshot.

A broken file raises ``KnowledgeError`` naming the file and the field, so the
service refuses to start rather than give wrong advice.
"""

import gzip
import hashlib
import json
import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import marshmallow as ma
import yaml

BUNDLED_DIR = Path(__file__).with_name("knowledge")

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
# speaks of a parcel that has arrived (otherwise it gets the after_shipment one).
MESSAGE_KEYS = (*STAGES, "delivered")
CAN_CANCEL = ("yes", "request", "no", "unknown")
EVIDENCE = ("official", "official_old", "official_copy", "third_party", "observed", "unsourced")
WORD_EVIDENCE = ("seen", "reported", "assumed")
DEADLINES = ("seller_reply", "refund")
# What the extension dates for an order: from the page's timers, or by a rule.
DEADLINE_KINDS = ("seller_answer", "ship_by", "protection_ends", "no_delivery_refund", "refund_due")
PLACEHOLDERS = frozenset({"order_id"})
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


class ActionSchema(ma.Schema):
    key = _key(required=True)
    label = _text(120, required=True)
    steps = ma.fields.List(_text(), required=True, validate=ma.validate.Length(min=1))


class WarningSchema(ma.Schema):
    text = _text(required=True)
    sources = _source_ids()


class AvoidSchema(ma.Schema):
    """A "don't": backed by sources, or marked uncertain where none states it."""

    text = _text(required=True)
    sources = ma.fields.List(_key(), load_default=list)
    uncertain = _flag(load_default=False)

    @ma.validates_schema
    def _sourced_or_uncertain(self, data, **kwargs):
        if not data.get("sources") and not data.get("uncertain"):
            raise ma.ValidationError("Give its sources, or mark it uncertain: true.", "sources")


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


class EscalationStepSchema(ma.Schema):
    key = _key(required=True)
    label = _text(200, required=True)
    current_for = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(STATUS_KEYS)), required=True)
    sources = _source_ids()


class EscalationSchema(ma.Schema):
    label = _text(120, required=True)
    urgent_days = ma.fields.Integer(strict=True, required=True, validate=ma.validate.Range(min=1, max=60))
    steps = ma.fields.List(ma.fields.Nested(EscalationStepSchema), required=True, validate=ma.validate.Length(min=1))


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


class KnowledgeError(Exception):
    """A knowledge file is missing, unreadable or invalid."""

    def __init__(self, file, field, message):
        self.file, self.field, self.message = file, field, message
        super().__init__(f"{file}: {field}: {message}" if field else f"{file}: {message}")


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: the schemas parse dates, so errors name the field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _first_error(messages, path=()):
    """The first (dotted field path, message) in a marshmallow error dict."""
    if isinstance(messages, dict):
        key = next(iter(messages))
        return _first_error(messages[key], (*path, str(key)))
    if isinstance(messages, list) and messages and not isinstance(messages[0], str):
        return _first_error(messages[0], path)
    text = messages[0] if isinstance(messages, list) else str(messages)
    field = ".".join(p for p in path if p != "_schema")
    return field or "(file)", text


def normalize(text, variants=None):
    """Fold a status text for matching: NFKC, lower case, letters/digits/marks only.

    Turkish dotted and dotless i fold to plain i (İ lower-cases to i plus a
    combining dot, and I to i, not ı), so "İPTAL EDİLDİ", "KAPANDI" and
    "Kapandı" fold like the words. The extension mirrors this in
    ``content/read.js``; keep the two in step.
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("i\u0307", "i").replace("ı", "i")
    kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in text)
    words = kept.split()
    if variants:
        words = [variants.get(word, word) for word in words]
    return " ".join(words)


@dataclass(frozen=True)
class Knowledge:
    """The validated knowledge: ``data`` is the wire form, ``version`` its hash."""

    data: dict
    version: str

    @property
    def statuses(self):
        return {status["key"]: status for status in self.data["statuses"]}

    @property
    def situations(self):
        return {situation["key"]: situation for situation in self.data["situations"]}

    @property
    def payment_methods(self):
        return {method["key"]: method for method in self.data["payment_methods"]}

    @property
    def sources(self):
        return {source["id"]: source for source in self.data["sources"]}


def _read(directory, name, schema=None):
    path = directory / name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise KnowledgeError(name, None, f"missing from {directory}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(name, None, f"unreadable: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise KnowledgeError(name, None, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict):
        raise KnowledgeError(name, None, "must be a mapping at the top level")
    try:
        return (schema or FILES[name])().load(raw)
    except ma.ValidationError as exc:
        raise KnowledgeError(name, *_first_error(exc.messages)) from None


def _check_links(files):
    """What a schema of one file can't see: references between files, duplicates."""
    source_ids = [source["id"] for source in files["sources.yaml"]["sources"]]
    known = set(source_ids)
    for index, source_id in enumerate(source_ids):
        if source_ids.index(source_id) != index:
            raise KnowledgeError("sources.yaml", f"sources.{index}.id", f"duplicate id {source_id!r}")

    def check_sources(name, field, ids):
        for position, source_id in enumerate(ids):
            if source_id not in known:
                raise KnowledgeError(name, f"{field}.{position}", f"unknown source {source_id!r}")

    statuses = files["statuses.yaml"]["statuses"]
    variants = files["statuses.yaml"]["spelling_variants"]
    seen_keys, owner = set(), {}
    for i, status in enumerate(statuses):
        if status["key"] in seen_keys:
            raise KnowledgeError("statuses.yaml", f"statuses.{i}.key", f"duplicate status {status['key']!r}")
        seen_keys.add(status["key"])
        check_sources("statuses.yaml", f"statuses.{i}.sources", status["sources"])
        for j, warning in enumerate(status["warnings"]):
            check_sources("statuses.yaml", f"statuses.{i}.warnings.{j}.sources", warning["sources"])
        for j, line in enumerate(status["avoid"]):
            check_sources("statuses.yaml", f"statuses.{i}.avoid.{j}.sources", line["sources"])
        for j, word in enumerate(status["words"]):
            field = f"statuses.{i}.words.{j}"
            check_sources("statuses.yaml", f"{field}.sources", word["sources"])
            folded = normalize(word["text"], variants)
            if not folded:
                raise KnowledgeError("statuses.yaml", f"{field}.text", "has no letters or digits")
            if owner.get(folded, status["key"]) != status["key"]:
                raise KnowledgeError(
                    "statuses.yaml", f"{field}.text", f"{word['text']!r} already belongs to {owner[folded]!r}"
                )
            owner[folded] = status["key"]
    missing = [key for key in STATUS_KEYS if key not in seen_keys]
    if missing:
        raise KnowledgeError("statuses.yaml", "statuses", f"missing status {missing[0]!r}")

    cue_owner = {}
    for i, cue in enumerate(files["cues.yaml"]["cues"]):
        for j, key in enumerate(cue["statuses"]):
            if key not in seen_keys or key == "unknown":
                raise KnowledgeError("cues.yaml", f"cues.{i}.statuses.{j}", f"{key!r} is not a status with a verdict")
        for j, word in enumerate(cue["words"]):
            field = f"cues.{i}.words.{j}.text"
            folded = normalize(word["text"], variants)
            if not folded:
                raise KnowledgeError("cues.yaml", field, "has no letters or digits")
            if folded in cue_owner:
                raise KnowledgeError("cues.yaml", field, f"{word['text']!r} is already a word of {cue_owner[folded]!r}")
            cue_owner[folded] = cue["key"]

    situation_keys = set()
    for i, situation in enumerate(files["situations.yaml"]["situations"]):
        if situation["key"] in situation_keys:
            raise KnowledgeError("situations.yaml", f"situations.{i}.key", f"duplicate {situation['key']!r}")
        situation_keys.add(situation["key"])
        check_sources("situations.yaml", f"situations.{i}.reason.sources", situation["reason"]["sources"])

    timelines = files["timelines.yaml"]
    for name, window in timelines["timelines"].items():
        check_sources("timelines.yaml", f"timelines.{name}.sources", window["sources"])
    method_keys = set()
    for i, method in enumerate(timelines["payment_methods"]):
        if method["key"] in method_keys:
            raise KnowledgeError("timelines.yaml", f"payment_methods.{i}.key", f"duplicate {method['key']!r}")
        method_keys.add(method["key"])
        check_sources("timelines.yaml", f"payment_methods.{i}.sources", method["sources"])

    followup = files["followup.yaml"]
    for kind, entry in followup["deadline_kinds"].items():
        check_sources("followup.yaml", f"deadline_kinds.{kind}.sources", entry["sources"])
    check_sources("followup.yaml", "dont_nag.sources", followup["dont_nag"]["sources"])
    check_sources("followup.yaml", "confirm_receipt.warning.sources", followup["confirm_receipt"]["warning"]["sources"])
    for i, step in enumerate(followup["escalation"]["steps"]):
        check_sources("followup.yaml", f"escalation.steps.{i}.sources", step["sources"])


TRANSLATIONS_DIR = "translations"
TRANSLATION_LANG = re.compile(r"^[a-z]{2,3}$")


def _placeholders(template):
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def _read_translations(directory, body):
    """translations/<lang>.yaml: each English text of the knowledge and its translation."""
    folder = directory / TRANSLATIONS_DIR
    english = set(translatable_texts(body))
    templates = {template for situation in body["situations"] for template in situation["messages"].values()}
    translations = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = f"{TRANSLATIONS_DIR}/{path.name}"
        if not TRANSLATION_LANG.match(path.stem):
            raise KnowledgeError(name, None, "must be named by a language code such as ru.yaml or pt.yaml")
        texts = _read(directory, name, TranslationFileSchema)["texts"]
        for source, translated in texts.items():
            field = f"texts.{source!r}"
            if source not in english:
                raise KnowledgeError(name, field, "is not an English text of the knowledge")
            if source in templates:
                try:
                    same = _placeholders(translated) == _placeholders(source)
                except ValueError:
                    same = False
                if not same:
                    raise KnowledgeError(name, field, f"must keep the placeholders {_placeholders(source)}")
        translations[path.stem] = texts
    return translations


def load(directory=None):
    """Read, validate and version the knowledge in ``directory`` (default: bundled)."""
    directory = Path(directory) if directory else BUNDLED_DIR
    files = {name: _read(directory, name) for name in FILES}
    _check_links(files)
    statuses_file = files["statuses.yaml"]
    body = {
        "spelling_variants": statuses_file["spelling_variants"],
        "statuses": statuses_file["statuses"],
        "situations": files["situations.yaml"]["situations"],
        "timelines": files["timelines.yaml"]["timelines"],
        "payment_methods": files["timelines.yaml"]["payment_methods"],
        "sources": files["sources.yaml"]["sources"],
        "followup": files["followup.yaml"],
        "cues": files["cues.yaml"]["cues"],
    }
    translations = _read_translations(directory, body)
    # The wire form: the same schemas dump dates as ISO strings.
    wire = {
        "spelling_variants": body["spelling_variants"],
        "statuses": StatusSchema(many=True).dump(body["statuses"]),
        "situations": SituationSchema(many=True).dump(body["situations"]),
        "timelines": TimelinesSchema().dump(body["timelines"]),
        "payment_methods": PaymentMethodSchema(many=True).dump(body["payment_methods"]),
        "sources": SourceSchema(many=True).dump(body["sources"]),
        "followup": FollowupSchema().dump(body["followup"]),
        # Cue words, in the order they are tried (the engines' classify).
        "cues": CueSchema(many=True).dump(body["cues"]),
        # {lang: {English text: its translation}}: advice in the shopper's language.
        "translations": translations,
    }
    canonical = json.dumps(wire, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    version = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    return Knowledge(data={"version": version, **wire}, version=version)


def translatable_texts(data):
    """The English texts a translation may key, in one fixed order: statuses
    (label, verdict, action label, steps, avoid, warnings), situations (label,
    reason, note, messages by stage name), timelines by name (label, note),
    payment methods (label, refund_to, note), then followup: deadline kinds in
    ``DEADLINE_KINDS`` order (label, then), the don't-nag tip, confirm receipt
    (label, checklist, warning) and escalation (label, steps); each text once.
    """
    texts = []
    for status in data["statuses"]:
        action = status["action"]
        texts += [status["label"], status["verdict"], action["label"], *action["steps"]]
        texts += [line["text"] for line in status["avoid"]]
        texts += [warning["text"] for warning in status["warnings"]]
    for situation in data["situations"]:
        texts += [situation["label"], situation["reason"]["label"], situation["note"]]
        texts += [situation["messages"][stage] for stage in sorted(situation["messages"])]
    for name in sorted(data["timelines"]):
        texts += [data["timelines"][name]["label"], data["timelines"][name]["note"]]
    for method in data["payment_methods"]:
        texts += [method["label"], method["refund_to"], method.get("note")]
    followup = data["followup"]
    for kind in DEADLINE_KINDS:
        texts += [followup["deadline_kinds"][kind]["label"], followup["deadline_kinds"][kind]["then"]]
    receipt, escalation = followup["confirm_receipt"], followup["escalation"]
    texts += [followup["dont_nag"]["text"], receipt["label"], *receipt["checklist"], receipt["warning"]["text"]]
    texts += [escalation["label"], *(step["label"] for step in escalation["steps"])]
    return list(dict.fromkeys(text for text in texts if text))


def wire_json(data):
    """The knowledge's wire form as compact JSON bytes: what ``GET /api/v1/knowledge`` sends."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def snapshot_gzip(knowledge):
    """The snapshot file the extension ships: the wire form, gzipped.

    Level 9 and a zero mtime, so the same knowledge gives the same bytes. The
    worker inflates it with ``DecompressionStream('gzip')``; gzip keeps the
    extension within its 200 KB budget (review knowledge changes in the YAML).
    """
    return gzip.compress(wire_json(knowledge.data), compresslevel=9, mtime=0)
