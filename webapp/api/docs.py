"""The API documentation page, rendered by the site from the OpenAPI document itself."""

from __future__ import annotations

import json

from flask import Blueprint, render_template

from register.csv_format import COLUMNS, FINDING_COLUMNS
from webapp.api.certificates_openapi import EXAMPLE_BATCH, MAX_RECORDS
from webapp.api.openapi import OPENAPI

bp = Blueprint("api_docs", __name__)


@bp.get("/api")
def page() -> str:
    return render_template(
        "api/docs.html",
        spec=OPENAPI,
        csv_columns=(*COLUMNS, *FINDING_COLUMNS),
        max_records=MAX_RECORDS,
        certificate_example=json.dumps(EXAMPLE_BATCH, ensure_ascii=False),
        certificate_number=EXAMPLE_BATCH["certificates"][0]["number"],
    )
