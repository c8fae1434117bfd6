"""The API documentation page, rendered by the site from the OpenAPI document itself."""

from __future__ import annotations

from flask import Blueprint, render_template

from webapp.api.openapi import OPENAPI

bp = Blueprint("api_docs", __name__)


@bp.get("/api")
def page() -> str:
    return render_template("api/docs.html", spec=OPENAPI)
