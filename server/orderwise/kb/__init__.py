"""The knowledge base: the YAML files in ``knowledge/``, validated and versioned.

Every piece of advice Orderwise gives is data in those files. ``load()`` reads
them, checks each against its marshmallow schema, checks what ties the files
together (every source id exists, no status word belongs to two statuses, ...)
and returns a ``Knowledge`` whose ``data`` is exactly what ``GET
/api/v1/knowledge`` serves and what the extension ships as its snapshot.

A broken file raises ``KnowledgeError`` naming the file and the field, so the
service refuses to start rather than give wrong advice.

``schemas`` says what each file must hold, ``loading`` reads and checks the
files, ``wire`` makes the form clients receive (JSON, the snapshot), and
``folding`` folds status texts for matching.
"""

from .disputes import DisputesSchema
from .folding import normalize
from .loading import BUNDLED_DIR, KnowledgeError, load, translatable_texts
from .schemas import (
    CAN_CANCEL,
    DEADLINE_KINDS,
    LANG_TAG,
    STAGES,
    STATUS_KEYS,
    WORD_EVIDENCE,
    CueSchema,
    FollowupSchema,
    PaymentMethodSchema,
    SituationSchema,
    SourceSchema,
    StatusSchema,
    TimelinesSchema,
    WarningSchema,
    WindowSchema,
)
from .wire import Knowledge, snapshot_gzip, wire_json

__all__ = [
    "BUNDLED_DIR",
    "CAN_CANCEL",
    "DEADLINE_KINDS",
    "LANG_TAG",
    "STAGES",
    "STATUS_KEYS",
    "WORD_EVIDENCE",
    "CueSchema",
    "DisputesSchema",
    "FollowupSchema",
    "Knowledge",
    "KnowledgeError",
    "PaymentMethodSchema",
    "SituationSchema",
    "SourceSchema",
    "StatusSchema",
    "TimelinesSchema",
    "WarningSchema",
    "WindowSchema",
    "load",
    "normalize",
    "snapshot_gzip",
    "translatable_texts",
    "wire_json",
]
