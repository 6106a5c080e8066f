"""The HTTP API under /api/v1: one module, one blueprint per resource."""

import gzip

from flask import Response, request


def gzip_body(plain):
    """`plain` gzipped the same way every time (no timestamp), for encoded_json."""
    return gzip.compress(plain, compresslevel=9, mtime=0)


def encoded_json(plain, gzipped):
    """A JSON answer gzipped for a client that accepts it (browsers all do), else plain."""
    if "gzip" in request.accept_encodings:
        response = Response(gzipped, mimetype="application/json", headers={"Content-Encoding": "gzip"})
    else:
        response = Response(plain, mimetype="application/json")
    response.vary.add("Accept-Encoding")
    return response
