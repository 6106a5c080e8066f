"""The knowledge as clients receive it: its wire form and version, as JSON and as
the snapshot the extension ships."""

import gzip
import hashlib
import json
from dataclasses import dataclass

from .disputes import DisputesSchema
from .schemas import (
    CueSchema,
    FollowupSchema,
    PaymentMethodSchema,
    SituationSchema,
    SourceSchema,
    StatusSchema,
    TimelinesSchema,
)


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


def knowledge(body, translations):
    """The checked files' ``body`` and ``translations`` in their wire form, versioned by its hash."""
    # The same schemas that loaded the files dump their dates as ISO strings.
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
        # The dispute kit (disputes.yaml): evidence per situation, the description's lines.
        "disputes": DisputesSchema().dump(body["disputes"]),
        # {lang: {English text: its translation}}: advice in the shopper's language.
        "translations": translations,
    }
    canonical = json.dumps(wire, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    version = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    return Knowledge(data={"version": version, **wire}, version=version)


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
