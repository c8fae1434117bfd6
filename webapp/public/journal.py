"""The public change log: every accepted correction, newest first, as a page and as JSON.

Both are read from the served register generation (the corrections live in the register
with their sources), never from the reports database: pending reports, refused ones and
anything about the people who sent them cannot appear here.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, url_for

from register.changelog import Logged, journal
from webapp.open_data import json_twin
from webapp.remembered import remembered
from webapp.served import generation

bp = Blueprint("journal", __name__)


@bp.get("/journal")
@remembered
def page() -> str:
    return render_template("public/journal.html", changes=journal(generation().register))


@bp.get("/journal.json")
@json_twin
@remembered
def as_json() -> Response:
    changes = journal(generation().register)
    return jsonify(changes=[change_json(c) for c in changes])


def change_json(logged: Logged) -> dict[str, Any]:
    """One journal line as JSON. The source's English title travels beside the French one, as
    in /registre.json, and is left out where the register has none (register.english)."""
    company, change = logged
    source = change.source
    english = {"title_en": source.title_en} if source.title_en else {}
    return {
        "date": change.date.isoformat(),
        "company": {
            "slug": company.slug,
            "name": company.name,
            "url": url_for("public.company", slug=company.slug, _external=True),
        },
        "field": change.field,
        "before": change.before,
        "after": change.after,
        "source": {
            "id": source.id,
            "kind": source.kind,
            "title": source.title,
            **english,
            "url": source.url,
        },
    }
