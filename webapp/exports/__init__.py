"""The register as files and feeds: CSV, JSON, Atom, sitemap, robots.txt.

Each is a function of the served generation and of today's findings, so each carries the
date its data or derived status last changed as Last-Modified, and its body hash as ETag
(see webapp.exports.freshness).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from register import Company, Finding
from register.changelog import journal
from register.csv_format import register_to_csv
from register.paths import PROJECT_ROOT
from webapp import clock
from webapp.exports.feed import TAG_YEAR, FeedEntry, feed_entries, feed_page
from webapp.exports.freshness import changed_on, latest_change, stamp
from webapp.open_data import json_twin, open_file, same_in_every_language
from webapp.remembered import remembered
from webapp.served import findings_today, generation
from webapp.wording import status_label

bp = Blueprint("exports", __name__)
CSV_FILENAME = "registre-relation-client-france.csv"
# Archived copies of sources, committed with the register: a reader opens what a record cites.
SOURCES_DIR = PROJECT_ROOT / "data" / "sources"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.get("/registre.csv")
@open_file
@remembered
def register_csv() -> Response:
    pairs = findings_today()
    body = register_to_csv(generation().register.raw, pairs, _reading)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{CSV_FILENAME}"'
    return stamp(response, latest_change(pairs))


@bp.get("/sources/<name>")
@open_file
def archived_source(name: str) -> Response:
    """A file of data/sources/ by its name alone: no path ever leaves that directory."""
    response = send_from_directory(SOURCES_DIR, name, mimetype="text/plain", max_age=3600)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _reading(company: Company, finding: Finding) -> tuple[str, str]:
    """The status in the page's words and the page's URL, beside the code (issue 22)."""
    url = url_for("public.company", slug=company.slug, _external=True)
    return status_label(finding.status, finding.basis), url


@bp.get("/registre.json")
@json_twin
@same_in_every_language
def register_json() -> Response:
    body = json.dumps(generation().register.raw, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    companies = generation().register.companies
    return stamp(response, max((d for c in companies if (d := c.data_changed_on)), default=None))


@bp.get("/flux.atom")
@open_file
@remembered
def feed() -> Response:
    """The newest FEED_PAGE_SIZE entries, older ones on `?page=2`, 3 … (RFC 5005 paging)."""
    current = generation()
    today = clock.today()
    entries = feed_entries(current.register, today, request.host)
    corrections = [c for c in journal(current.register) if c.change.date <= today]
    dates = [e.updated for e in entries] + [c.change.date for c in corrections]
    page, pages = feed_page(entries, corrections)
    body = render_template(
        "exports/feed.atom.xml",
        entries=[item for item in page if isinstance(item, FeedEntry)],
        corrections=[item for item in page if not isinstance(item, FeedEntry)],
        paging=pages,
        authority=urlsplit(f"//{request.host}").hostname,
        tag_year=TAG_YEAR,
        updated=max(dates, default=today),
    )
    response = Response(body, mimetype="application/atom+xml")
    return stamp(response, max(dates, default=None))


@bp.get("/sitemap.xml")
@open_file
def sitemap() -> Response:
    pages = [(c, changed_on(c, f)) for c, f in findings_today()]
    body = render_template("exports/sitemap.xml", pages=pages)
    return stamp(
        Response(body, mimetype="application/xml"), max((d for _, d in pages if d), default=None)
    )


@bp.get("/robots.txt")
@open_file
def robots() -> Response:
    body = render_template("exports/robots.txt")
    return Response(body, mimetype="text/plain")
