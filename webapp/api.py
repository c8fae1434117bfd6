"""JSON API v1: the same answers as the pages, for programs."""

from __future__ import annotations

import os

from flask import Blueprint, Response, abort, jsonify, request

from search_index import MAX_LIMIT
from webapp.data import generation
from webapp.present import outcome_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")
ops = Blueprint("ops", __name__)


def _limit() -> int:
    raw = request.args.get("limit", "10")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        abort(400, description=f"'limit' must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)


@bp.get("/search")
def search() -> Response:
    if "q" not in request.args:
        abort(400, description="The 'q' parameter is required, e.g. /api/v1/search?q=maif")
    current = generation()
    outcome = current.index.search(request.args["q"], limit=_limit())
    return jsonify(outcome_json(outcome, current.register))


@ops.get("/healthz")
def healthz() -> Response:
    current = generation()
    response = jsonify(
        status="ok",
        generation=current.name,
        documents=current.index.document_count,
        built_at=current.built_at,
        worker=os.getpid(),  # each gunicorn worker switches on its own: say which one answered
    )
    response.headers["Cache-Control"] = "no-store"
    return response
