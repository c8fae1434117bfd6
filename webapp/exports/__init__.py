"""The register as files and feeds: CSV, JSON, Atom, sitemap, robots.txt.

Each is a pure function of the served generation, so each carries that generation's
ETag/Last-Modified and a conditional request gets 304 (see webapp.exports.freshness).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, Response, render_template, request

from register import Company
from register.changelog import journal
from register.csv_format import register_to_csv
from register.model import HistoryEvent
from webapp.data import generation
from webapp.exports.freshness import stamp_with_generation

bp = Blueprint("exports", __name__)
CSV_FILENAME = "registre-relation-client-france.csv"
# The year this site started minting feed IDs: part of every tag: URI, so it never changes.
TAG_YEAR = 2026


@dataclass(frozen=True)
class FeedEntry:
    id: str
    company: Company
    event: HistoryEvent
    updated: dt.date


@bp.after_request
def _allow_any_origin(response: Response) -> Response:
    """Open data: notebooks and newsroom tools in a browser may fetch these files directly."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/registre.csv")
def register_csv() -> Response:
    response = Response(register_to_csv(generation().register.raw), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{CSV_FILENAME}"'
    return stamp_with_generation(response)


@bp.get("/registre.json")
def register_json() -> Response:
    body = json.dumps(generation().register.raw, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    return stamp_with_generation(response)


@bp.get("/flux.atom")
def feed() -> Response:
    current = generation()
    entries = feed_entries(current.register.companies, _built_on(current.built_at))
    corrections = journal(current.register)
    dates = [e.updated for e in entries] + [c.date for c in corrections]
    body = render_template(
        "exports/feed.atom.xml",
        entries=entries,
        corrections=corrections,
        authority=urlsplit(f"//{request.host}").hostname,
        tag_year=TAG_YEAR,
        updated=max(dates, default=_built_on(current.built_at)),
    )
    response = Response(body, mimetype="application/atom+xml")
    return stamp_with_generation(response)


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    body = render_template("exports/sitemap.xml", companies=generation().register.companies)
    return stamp_with_generation(Response(body, mimetype="application/xml"))


@bp.get("/robots.txt")
def robots() -> Response:
    body = render_template("exports/robots.txt")
    return stamp_with_generation(Response(body, mimetype="text/plain"))


def feed_entries(companies: tuple[Company, ...], fallback: dt.date) -> list[FeedEntry]:
    """One entry per history event, newest first.

    The ID is a tag: URI from the slug, the event's position in the history and its date:
    the history only grows at the end, so IDs never change. An undated event is dated in
    the feed by the entry's last check (when we last confirmed it), never by a guess.
    """
    authority = urlsplit(f"//{request.host}").hostname
    entries = [
        FeedEntry(
            id=f"tag:{authority},{TAG_YEAR}:{company.slug}/{position}/"
            f"{event.date.isoformat() if event.date else 'sans-date'}",
            company=company,
            event=event,
            updated=event.date or company.last_checked or fallback,
        )
        for company in companies
        for position, event in enumerate(company.history, start=1)
    ]
    return sorted(entries, key=lambda entry: entry.updated, reverse=True)


def _built_on(built_at: str) -> dt.date:
    return dt.date.fromisoformat(built_at[:10]) if built_at else dt.date.today()
