"""Validators for whole-register responses: they change exactly when the generation does.

Exports and feeds are derived from one register generation, so its name makes a strong
ETag and its build time a Last-Modified, without hashing a body on every request.
`webapp.http` keeps these (it only adds a body hash when no ETag is set) and answers 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from flask import Response, request
from flask_babel import get_locale

from webapp.data import generation


def stamp_with_generation(response: Response) -> Response:
    """Set ETag/Last-Modified; host and language also shape the body (absolute URLs, words)."""
    current = generation()
    parts = "\n".join((current.name, request.host, str(get_locale())))
    response.set_etag(hashlib.sha256(parts.encode("utf-8")).hexdigest()[:32])
    if current.built_at:
        response.last_modified = dt.datetime.strptime(
            current.built_at, "%Y-%m-%dT%H:%M:%SZ"
        ).replace(tzinfo=dt.UTC)
    return response
