"""Operations: the health check a load balancer or an operator polls."""

from __future__ import annotations

import os

from flask import Blueprint, Flask, Response, jsonify

from webapp.served import generation

bp = Blueprint("ops", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.get("/healthz")
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
