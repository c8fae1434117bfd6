"""Whole pages remembered: a page is a function of the served generation, the day, the
language, the site's address, its path and query, and the htmx headers that choose a fragment —
nothing else — so it is rendered (and hashed) once per such key and answered from memory after.

The key holds every one of those inputs, so a new generation, a new day or another language
makes a new entry and nothing stale is served; the rate limit and the response policy still
run on every request, around the remembered body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, make_response, request
from flask_babel import get_locale
from werkzeug.http import generate_etag

from webapp import clock
from webapp.memo import memo
from webapp.response_policy import FRAGMENT_CHOOSERS
from webapp.served import generation

Snapshot = tuple[bytes, int, list[tuple[str, str]], str]


def remembered(view: Callable[..., Any]) -> Callable[..., Response]:
    @wraps(view)
    def answer(*args: Any, **kwargs: Any) -> Response:
        key = (
            generation().name,
            clock.today(),
            str(get_locale()),
            request.host_url,
            request.full_path,
            *(request.headers.get(name) for name in FRAGMENT_CHOOSERS),
        )
        body, status, headers, etag = memo("pages").get(key, lambda: _render(view, args, kwargs))
        response = Response(body, status=status, headers=headers)
        if etag:
            response.set_etag(etag)
        return response

    return answer


def _render(view: Callable[..., Any], args: tuple, kwargs: dict) -> Snapshot:
    response = make_response(view(*args, **kwargs))
    body = response.get_data()
    etag = generate_etag(body) if response.status_code == 200 else ""
    return body, response.status_code, list(response.headers.items()), etag
