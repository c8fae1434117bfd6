"""The API documentation page, rendered by the site from the OpenAPI document itself."""

from __future__ import annotations

import json
import re

from flask import Blueprint, render_template
from markupsafe import Markup, escape

from register.csv_format import COLUMNS, FINDING_COLUMNS
from webapp.api.certificates_openapi import EXAMPLE_BATCH, MAX_RECORDS
from webapp.api.openapi import in_reader_language

bp = Blueprint("api_docs", __name__)
_CODE_SPAN = re.compile(r"`([^`]+)`")


@bp.get("/api")
def page() -> str:
    return render_template(
        "api/docs.html",
        spec=in_reader_language(),
        code_spans=code_spans,
        csv_columns=(*COLUMNS, *FINDING_COLUMNS),
        max_records=MAX_RECORDS,
        certificate_example=json.dumps(EXAMPLE_BATCH, ensure_ascii=False),
        certificate_number=EXAMPLE_BATCH["certificates"][0]["number"],
    )


def code_spans(text: str) -> Markup:
    """The document's `backquoted` names (CommonMark code spans, as OpenAPI readers show them)
    as <code> on the page, rather than stray backquotes; everything else is escaped."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))
