"""Response headers for embeds, set in full before the site-wide after_request hooks run.

webapp.response_policy only fills headers that are still missing, so the complete policies set
here win: embeds may be framed by any site (`frame-ancestors *`), while every other page keeps
`frame-ancestors 'none'`. Embeds are cached like shields.io badges: five minutes fresh, then
served stale for a day while revalidating, with a body-hash ETag for 304s — except on the eve of a
day when the status may change without new data (a term that ends): then no stale serving and
the pages' short lifetime, so no cache shows yesterday's status for long after the transition.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Response, request

from register.paths import PROJECT_ROOT

EMBED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400"
EVE_OF_CHANGE_CACHE_CONTROL = "public, max-age=60"
VERSIONED_CACHE_CONTROL = "public, max-age=31536000, immutable"
EMBED_STYLESHEET = (PROJECT_ROOT / "static" / "embed.css").read_text(encoding="utf-8")
_STYLE_HASH = base64.b64encode(hashlib.sha256(EMBED_STYLESHEET.encode()).digest()).decode()
CARD_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        f"style-src 'sha256-{_STYLE_HASH}'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors *",
    ]
)
BADGE_POLICY = "default-src 'none'; script-src 'none'; frame-ancestors *"


def body_etag(body: str | bytes) -> str:
    data = body.encode() if isinstance(body, str) else body
    return hashlib.sha256(data).hexdigest()[:32]


def status_cache_control(today: dt.date, changes_on: dt.date | None) -> str:
    """A copy served stale for a day must not outlive the status it shows: near a change day,
    keep copies short-lived instead."""
    if changes_on is not None and changes_on <= today + dt.timedelta(days=2):
        return EVE_OF_CHANGE_CACHE_CONTROL
    return EMBED_CACHE_CONTROL


def cached(
    response: Response, cache_control: str = EMBED_CACHE_CONTROL, etag: str | None = None
) -> Response:
    """Cache headers and a body ETag (pass `etag` when the body's is already known); only a
    200 can become a 304.

    Embeds depend on their URL alone (the language is `?lang=`, not Accept-Language): the
    Cache-Control set here tells the site-wide caching hook that this response is cached
    already (see webapp.response_policy), so it adds no Vary on Accept-Language.
    """
    response.headers["Cache-Control"] = cache_control
    response.set_etag(etag or body_etag(response.get_data()))
    if response.status_code == 200:
        response.make_conditional(request)
    return response


def embeddable(response: Response, policy: str | None = None) -> Response:
    """Any site may load this resource (as an image, a script, or framed when `policy` says so)."""
    if policy:
        response.headers["Content-Security-Policy"] = policy
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@dataclass(frozen=True)
class Asset:
    """A file served under a stable URL; `version` is its content hash for `?v=` URLs."""

    source: str
    version: str

    @classmethod
    def load(cls, path: Path) -> Asset:
        source = path.read_text(encoding="utf-8")
        return cls(source, hashlib.sha256(source.encode()).hexdigest()[:12])


WIDGET = Asset.load(PROJECT_ROOT / "static" / "widget.js")
