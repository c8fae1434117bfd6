"""JSON API v1: the same answers as the pages, for programs."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, jsonify

from search_index import MAX_LIMIT
from webapp import json_bodies, query_args
from webapp.api import docs
from webapp.api.openapi import OPENAPI
from webapp.open_data import json_twin
from webapp.served import finding, generation

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(docs.bp)


@bp.get("/search")
@json_twin
def search() -> Response:
    if not query_args.given("q"):
        abort(400, description="The 'q' parameter is required, e.g. /api/v1/search?q=maif")
    limit = query_args.whole_number("limit", default=10, minimum=1, maximum=MAX_LIMIT)
    current = generation()
    outcome = current.index.search(query_args.text("q"), limit=limit)
    return jsonify(json_bodies.outcome_json(outcome, current.register))


@bp.get("/companies")
@json_twin
def companies() -> Response:
    status = json_bodies.requested_status()
    answers = [(c, finding(c)) for c in generation().register.companies]
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
def openapi() -> Response:
    return jsonify(OPENAPI)
