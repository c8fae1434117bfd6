"""Every error gets a readable answer: an HTML page, or application/problem+json for programs.

One rule decides which (`wants_json_response`, as in Miguel Grinberg's microblog): a view
marked as a JSON twin (webapp.open_data, the mark the CORS hook also reads) answers problems
in JSON wherever its URL lives, and so does any unknown URL under /api/. The HTML page never
reads the query string (see webapp.i18n), so no parameter can break the page that reports an
error.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, jsonify, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from search_index import MAX_QUERY_LENGTH, QueryTooLong
from webapp import open_data

HANDLED = (400, 403, 404, 405, 413, 429, 500, 501, 503)


def wants_json_response() -> bool:
    return open_data.answers_json()


def is_error_page() -> bool:
    return bool(g.get("error_code"))


def init_app(app: Flask) -> None:
    app.register_error_handler(QueryTooLong, _query_too_long)
    for code in HANDLED:
        app.register_error_handler(code, _render)


def _query_too_long(error: QueryTooLong) -> Response:
    message = _(
        "Votre recherche fait %(length)d caractères ; la limite est de %(limit)d. "
        "Saisissez un nom de marque, un domaine ou un numéro SIREN.",
        length=error.length,
        limit=MAX_QUERY_LENGTH,
    )
    return _render(BadRequest(description=message))


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` adds members such as `errors`."""
    response = jsonify(type="about:blank", title=title, status=status, detail=detail, **extra)
    response.mimetype = "application/problem+json"
    response.status_code = status
    return response


def _render(error: HTTPException) -> Response:
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    code = error.code or 500
    g.error_code = code
    if wants_json_response():
        response = problem(code, error.name, error.description)
    else:
        response = Response(
            render_template("error.html", code=code, error=error), mimetype="text/html"
        )
    response.status_code = code
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response
