"""Which routes programs read, marked once on the view and read by both the error handler and
the CORS hook, so a new JSON twin is one decorator, never a list to keep in step.

`json_twin`: the view answers JSON (the API, a page's `.json` twin, oEmbed), so its errors are
`application/problem+json`, and any web page may read it (`Access-Control-Allow-Origin: *`).
`open_file`: a data file (CSV, Atom, sitemap…) any web page may read; its errors stay pages.
`same_in_every_language`: the answer's bytes never depend on the reader's language (a file
served as reviewed, the English-only OpenAPI document), so caching leaves Accept-Language out of
Vary (read by webapp.response_policy).
The data is public and no request carries credentials, so opening it to every origin gives a
third-party page nothing it could not download itself.

A request that matched no route is judged by its URL: anything under /api/ is JSON, and a
method a route does not take (405) is judged by the route its URL names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

View = TypeVar("View", bound=Callable)
API_PREFIX = "/api/"
_JSON = "answers_json"
_OPEN = "open_to_any_origin"
_NEUTRAL = "same_in_every_language"


def json_twin(view: View) -> View:
    setattr(view, _JSON, True)
    return open_file(view)


def open_file(view: View) -> View:
    setattr(view, _OPEN, True)
    return view


def same_in_every_language(view: View) -> View:
    setattr(view, _NEUTRAL, True)
    return view


def init_app(app: Flask) -> None:
    app.after_request(_allow_any_origin)


def answers_json() -> bool:
    """Errors of this request are problem+json (read by webapp.errors)."""
    view = _view()
    if view is None:
        return request.path.startswith(API_PREFIX)
    return getattr(view, _JSON, False)


def open_to_any_origin() -> bool:
    view = _view()
    if view is None:
        return request.path.startswith(API_PREFIX)
    return getattr(view, _OPEN, False)


def depends_on_language() -> bool:
    """Whether this request's answer may differ by language (every view not marked)."""
    view = _view()
    return view is None or not getattr(view, _NEUTRAL, False)


def _allow_any_origin(response: Response) -> Response:
    if open_to_any_origin():
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _view() -> Callable | None:
    """The view this request is for, also when its method was refused (the URL names it)."""
    endpoint = request.endpoint
    if endpoint is None and isinstance(request.routing_exception, MethodNotAllowed):
        try:
            endpoint, _ = current_app.create_url_adapter(request).match(method="GET")
        except HTTPException:
            return None
    return current_app.view_functions.get(endpoint) if endpoint else None
