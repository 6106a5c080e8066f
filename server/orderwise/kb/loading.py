"""Reading the knowledge files: each checked against its schema, then what ties
the files together, then the translations; every failure a ``KnowledgeError``
naming the file and the field."""

import re
import string
from pathlib import Path

import marshmallow as ma
import yaml

from . import disputes, wire
from .folding import normalize
from .schemas import DEADLINE_KINDS, FILES, STATUS_KEYS, TranslationFileSchema

BUNDLED_DIR = Path(__file__).resolve().parents[1] / "knowledge"


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
        for j, step in enumerate(status["action"]["steps"]):
            check_sources("statuses.yaml", f"statuses.{i}.action.steps.{j}.sources", step["sources"])
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
    by_key = {status["key"]: status for status in statuses}
    for i, status in enumerate(statuses):
        waiting = by_key.get(status["once_requested"])
        if waiting is None:
            continue
        field = f"statuses.{i}.once_requested"
        if status["can_cancel"] != "request":
            raise KnowledgeError("statuses.yaml", field, "only a status whose cancellation is requested has one")
        if waiting is status or waiting["once_requested"] is not None:
            raise KnowledgeError("statuses.yaml", field, f"{waiting['key']!r} must be a status with no once_requested")
        if waiting["stage"] != status["stage"]:
            raise KnowledgeError("statuses.yaml", field, f"{waiting['key']!r} is of another stage")

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
        if "before_shipment" in situation["messages"] and "cancel_requested" not in situation["messages"]:
            raise KnowledgeError(
                "situations.yaml",
                f"situations.{i}.messages",
                "a before_shipment message needs its cancel_requested one, the message once the request is sent",
            )
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
    _check_stages(statuses, followup["escalation"])


def _check_stages(statuses, escalation):
    """Steps name known escalation stages, each once and in the escalation's order, and every
    status with a current stage has the step to mark, for that stage and for the last one."""
    stages = escalation["stages"]
    for i, status in enumerate(statuses):
        field = f"statuses.{i}.action"
        named = []
        for j, step in enumerate(status["action"]["steps"]):
            stage = step.get("stage")
            if stage is None:
                continue
            where = f"{field}.steps.{j}.stage"
            if stage not in stages:
                raise KnowledgeError("statuses.yaml", where, f"unknown stage {stage!r}; followup.yaml's are {stages}")
            if stage in named:
                raise KnowledgeError("statuses.yaml", where, f"{stage!r} is already the stage of another step")
            if named and stages.index(stage) < stages.index(named[-1]):
                raise KnowledgeError("statuses.yaml", where, f"{stage!r} comes before {named[-1]!r} in the escalation")
            named.append(stage)
        # The panel marks a step of action.steps; the texts for the order's page carry no stage.
        if named and "on_order_page" in status["action"]:
            raise KnowledgeError("statuses.yaml", f"{field}.on_order_page", "a status whose steps name stages has none")
        current = escalation["current"].get(status["key"])
        for stage in () if current is None else dict.fromkeys((current, stages[-1])):
            if stage not in named:
                raise KnowledgeError(
                    "statuses.yaml",
                    f"{field}.steps",
                    f"no step of stage {stage!r}, which followup.yaml's escalation can make current for this status",
                )


TRANSLATIONS_DIR = "translations"
TRANSLATION_LANG = re.compile(r"^[a-z]{2,3}$")


def _placeholders(template):
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


def _read_translations(directory, body):
    """translations/<lang>.yaml: each English text of the knowledge and its translation."""
    folder = directory / TRANSLATIONS_DIR
    english = set(translatable_texts(body))
    templates = {template for situation in body["situations"] for template in situation["messages"].values()}
    templates |= disputes.templates(body["disputes"])
    templates |= set(_badge_texts(body["statuses"]))
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


def _badge_texts(statuses):
    for status in statuses:
        yield status["badge"]["text"]
        if status["badge"]["dated"]:
            yield status["badge"]["dated"]["text"]


def load(directory=None):
    """Read, validate and version the knowledge in ``directory`` (default: bundled)."""
    directory = Path(directory) if directory else BUNDLED_DIR
    files = {name: _read(directory, name) for name in FILES}
    _check_links(files)
    kit = _read(directory, disputes.NAME, disputes.DisputesSchema)

    def kit_error(field, message):
        raise KnowledgeError(disputes.NAME, field, message)

    known_sources = {source["id"] for source in files["sources.yaml"]["sources"]}
    disputes.check_links(kit, files["timelines.yaml"]["timelines"], known_sources, kit_error)
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
        "disputes": kit,
    }
    translations = _read_translations(directory, body)
    return wire.knowledge(body, translations)


def translatable_texts(data):
    """The English texts a translation may key, in one fixed order: statuses
    (label, verdict, action label, steps, steps on the order's page, avoid,
    warnings, badge, dated badge), situations (label, reason, note, messages by
    stage name), timelines by name (label, note), payment methods (label,
    refund_to, note), then followup: deadline kinds in ``DEADLINE_KINDS`` order
    (label, then), the don't-nag tip and confirm receipt (label, checklist,
    warning); then the dispute kit
    (``disputes.texts``); each text once.
    """
    texts = []
    for status in data["statuses"]:
        action = status["action"]
        texts += [status["label"], status["verdict"], action["label"], *(step["text"] for step in action["steps"])]
        texts += action.get("on_order_page", [])
        texts += [line["text"] for line in status["avoid"]]
        texts += [warning["text"] for warning in status["warnings"]]
        texts += _badge_texts([status])
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
    receipt = followup["confirm_receipt"]
    texts += [followup["dont_nag"]["text"], receipt["label"], *receipt["checklist"], receipt["warning"]["text"]]
    texts += disputes.texts(data["disputes"])
    return list(dict.fromkeys(text for text in texts if text))
