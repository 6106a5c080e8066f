"""The HTTP API under /api/v1: one module, one blueprint per resource."""

import gzip

from flask import Response, request
from flask.json.provider import DefaultJSONProvider


class WireJSONProvider(DefaultJSONProvider):
    """Every JSON answer compact, in UTF-8, its keys in the schema's order: Cyrillic
    as \\u escapes would weigh three times as much. A body holding a lone
    surrogate (an invalid request's text, echoed) has no UTF-8: it is escaped."""

    def response(self, *args, **kwargs):
        value = self._prepare_response_obj(args, kwargs)
        compact = {"separators": (",", ":"), "sort_keys": False}
        try:
            body = self.dumps(value, ensure_ascii=False, **compact).encode()
        except UnicodeEncodeError:
            body = self.dumps(value, **compact).encode()
        return self._app.response_class(body, mimetype="application/json")


def gzip_body(plain):
    """`plain` gzipped the same way every time (no timestamp), for encoded_json."""
    return gzip.compress(plain, compresslevel=9, mtime=0)


def _accepts_gzip():
    asked = request.headers.get("Accept-Encoding", "")
    if "gzip" not in asked:
        return False
    # Weights (gzip;q=0 refuses it) are rare: only then is the header parsed.
    return "q=" not in asked or request.accept_encodings["gzip"] > 0


def encoded_json(plain, gzipped):
    """A JSON answer gzipped for a client that accepts it (browsers all do), else plain."""
    if _accepts_gzip():
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(gzipped, mimetype="application/json", headers=headers)
    return Response(plain, mimetype="application/json", headers={"Vary": "Accept-Encoding"})
