"""The public's way in: the report form, its receipt, and the privacy notice.

The form works without JavaScript (POST, then 303 to a receipt page) and without cookies;
htmx only swaps the form for its corrected version or for the receipt. Every refusal
renders the form again with what the reader typed and a sentence saying why.
Nothing here decides anything about the register: moderators do, with the command line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy.exc import SQLAlchemyError

from register import Company
from reports.database import Database
from reports.store import add_report, get_report
from reports.submission import FIELDS, KINDS, clean, evidence_required, validate
from search_index import QueryTooLong
from webapp import query_args
from webapp.report_form import guard
from webapp.report_form.budgets import open_store
from webapp.served import generation
from webapp.wording.report_form import FORM_PROBLEMS, PROBLEMS

bp = Blueprint("reports", __name__)
FORM_ID = "report-form"
REFUSAL_STATUS = {"token_used": 422, "over_budget": 429, "guard_down": 503}
# Below this many companies the form offers them all as suggestions (a <datalist>).
SUGGEST_ALL_MAX = 100


def init_app(app: Flask) -> None:
    """The database is opened on first use, in the worker, never before gunicorn forks; so is
    a Redis connection (the client connects on its first command)."""
    app.extensions["reports_db"] = Database(app.config["DATABASE_URL"])
    app.extensions["report_store"] = open_store(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions["reports_clock"] = lambda: dt.datetime.now(dt.UTC)
    app.register_blueprint(bp)


def database() -> Database:
    return current_app.extensions["reports_db"]


def now() -> dt.datetime:
    """The moderation clock: tests freeze it through `reports_clock`."""
    return current_app.extensions["reports_clock"]()


def _resolve(text: str) -> tuple[str, str] | None:
    """The register's company for what the reader typed: a slug, a name, a SIREN, a domain."""
    current = generation()
    company = current.register.get(text)
    if company is None:
        try:
            verdict = current.index.search(text).verdict
        except QueryTooLong:
            return None
        company = verdict and current.register.get(verdict.slug)
    return (company.slug, company.name) if company else None


def _render_form(
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    companies = generation().register.companies
    context: dict[str, Any] = {
        "values": values,
        "errors": {field: PROBLEMS[code] for field, code in (errors or {}).items()},
        "problem": FORM_PROBLEMS[problem] if problem else None,
        "token": guard.issue_token(now().timestamp()),
        "honeypot": guard.HONEYPOT,
        "token_field": guard.TOKEN_FIELD,
        "form_id": FORM_ID,
        "suggestions": companies if len(companies) <= SUGGEST_ALL_MAX else (),
        "evidence_optional_kinds": [k for k in KINDS if not evidence_required(k)],
        "retention_months": current_app.config["REPORTS_EMAIL_RETENTION_MONTHS"],
    }
    fragment = request.method == "POST" and bool(request.htmx)
    template = "partials/report_form.html" if fragment else "report_form/form.html"
    response = make_response(render_template(template, **context), status)
    # The form carries a fresh signed timestamp: no shared cache may hand it to someone else.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/signaler")
def form() -> Response:
    slug = clean(query_args.text("entreprise"))[:200]
    company = generation().register.get(slug)
    kind = clean(query_args.text("type"))
    values = {
        "kind": kind if kind in KINDS else ("error" if company else ""),
        "company": company.name if company else slug,
    }
    return _render_form(values)


@bp.post("/signaler")
def submit() -> Response:
    if guard.is_cross_site():
        abort(403)
    values = {name: clean(request.form.get(name)) for name in FIELDS}
    received = now()
    if request.form.get(guard.HONEYPOT):
        return _render_form(values, problem="honeypot", status=422)
    submission, errors = validate(values, _resolve)
    problem = guard.token_problem(request.form.get(guard.TOKEN_FIELD, ""), received.timestamp())
    if errors or problem:
        return _render_form(values, errors, problem, status=422)
    refusal, spent = guard.admit(submission, request.form[guard.TOKEN_FIELD])
    if refusal:
        return _render_form(values, problem=refusal, status=REFUSAL_STATUS[refusal])
    try:
        reference = add_report(database(), submission, received)
    except (SQLAlchemyError, OSError):  # OSError: the SQLite file's directory is unusable
        current_app.logger.exception("report not saved")
        guard.give_back(spent)
        return _render_form(values, problem="not_saved", status=503)
    company = _registered(submission.company_slug)
    receipt_url = url_for(
        "reports.receipt", reference=reference, entreprise=company.slug if company else None
    )
    if request.htmx:
        response = make_response(
            render_template(
                "partials/report_receipt.html",
                reference=reference,
                received=received,
                company=company,
            )
        )
        response.headers["HX-Push-Url"] = receipt_url
        response.headers["Cache-Control"] = "no-store"
        return response
    return redirect(receipt_url, 303)


def _registered(slug: str | None) -> Company | None:
    """The company the sender just reported on, for the receipt's link back to its page."""
    return generation().register.get(slug) if slug else None


@bp.get("/signaler/recu/<reference>")
def receipt(reference: str) -> Response:
    """Only the reference and the day from the stored report: whoever holds the link learns
    nothing about it. The link back to a company comes from `entreprise=` in the URL the form
    redirected to, a navigation aid honoured only when it is a slug of the register, so a
    crafted value can only lead to a public page. Any other value is dropped by a redirect,
    so not even the language switch, which carries `entreprise`, echoes it."""
    try:
        report = get_report(database(), reference[:20])
    except (SQLAlchemyError, OSError):
        current_app.logger.exception("receipt unavailable")
        abort(503)
    if report is None:
        abort(404)
    company = _registered(clean(query_args.text("entreprise"))[:200])
    if company is None and query_args.given("entreprise"):
        return redirect(url_for("reports.receipt", reference=report.reference), 303)
    response = make_response(
        render_template(
            "report_form/receipt.html",
            reference=report.reference,
            received=report.received_at,
            company=company,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/confidentialite")
def privacy() -> str:
    return render_template(
        "report_form/privacy.html",
        retention_months=current_app.config["REPORTS_EMAIL_RETENTION_MONTHS"],
    )
