"""JSON API v1: the same answers as the pages, for programs."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request
from werkzeug.http import generate_etag

from search_index import MAX_LIMIT, Generation
from webapp import clock, json_bodies, query_args
from webapp.api import certificates, docs
from webapp.api.openapi import in_english
from webapp.memo import memo
from webapp.open_data import json_twin, same_in_every_language
from webapp.remembered import remembered
from webapp.served import findings_today, generation

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(certificates.bp)
    app.register_blueprint(docs.bp)


@bp.get("/search")
@json_twin
def search() -> Response:
    if not query_args.given("q"):
        abort(400, description="The 'q' parameter is required, e.g. /api/v1/search?q=maif")
    limit = query_args.whole_number("limit", default=10, minimum=1, maximum=MAX_LIMIT)
    text, current = query_args.text("q"), generation()
    # The answer depends on these alone (the host through its absolute URLs), so it is built
    # and hashed once per key; the rate limit has already counted the request.
    key = (current.name, clock.today(), request.host_url, text, limit)
    body, etag = memo("search_api").get(key, lambda: _search_body(current, text, limit))
    response = current_app.response_class(body, mimetype=current_app.json.mimetype)
    response.set_etag(etag)
    return response


def _search_body(current: Generation, text: str, limit: int) -> tuple[bytes, str]:
    outcome = current.index.search(text, limit=limit)
    body = jsonify(json_bodies.outcome_json(outcome, current.register)).get_data()
    return body, generate_etag(body)


@bp.get("/companies")
@json_twin
@remembered
def companies() -> Response:
    status = json_bodies.requested_status()
    answers = findings_today()
    listed = [
        json_bodies.company_summary_json(c, a) for c, a in answers if status in (None, a.status)
    ]
    return jsonify(count=len(listed), companies=listed)


@bp.get("/companies/<slug>")
@json_twin
def company(slug: str) -> Response:
    register = generation().register
    found = register.get(slug)
    if found is None:
        abort(404, description=f"No company with slug '{slug}'; see /api/v1/companies.")
    return jsonify(json_bodies.company_json(found, register, json_bodies.requested_day()))


@bp.get("/openapi.json")
@json_twin
@same_in_every_language
def openapi() -> Response:
    return jsonify(in_english())
