"""Pages for consumers: home, search results, company verdict, label explanation, labels guide."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    url_for,
)

from register.changelog import corrections
from register.label_guide import bundled_guide
from webapp import json_bodies, query_args
from webapp.open_data import json_twin, same_in_every_language
from webapp.public import journal
from webapp.public.guide_twin import guide_json
from webapp.public.linked_data import organization_jsonld
from webapp.public.permalinks import company_for_siren
from webapp.remembered import remembered
from webapp.response_policy import fragment_or_page
from webapp.served import finding, generation

bp = Blueprint("public", __name__)
SEARCH_INPUT_ID = "search-input"
# The home page lists the register while the list is short enough to read and to send
# (about 30 KB at this size); a longer register is offered as a download instead.
HOME_LIST_MAX = 100


def init_app(app: Flask) -> None:
    """Reads the labels guide at start-up: a faulty guide file stops the deploy, not a
    visitor's search."""
    bundled_guide()
    app.register_blueprint(bp)
    app.register_blueprint(journal.bp)


@bp.get("/")
@remembered
def home() -> str:
    companies = generation().register.companies
    listed = sorted(companies, key=lambda c: c.name) if len(companies) <= HOME_LIST_MAX else []
    return render_template(
        "public/home.html",
        listed=[(c, finding(c)) for c in listed],
        company_count=len(companies),
        outcome=None,
    )


@bp.get("/recherche")
@remembered
def search() -> Response:
    current = generation()
    outcome = current.index.search(query_args.text("q"))
    company = current.register.get(outcome.verdict.slug) if outcome.verdict else None
    return fragment_or_page(
        "partials/results_fragment.html",
        "public/search.html",
        SEARCH_INPUT_ID,
        outcome=outcome,
        verdict_company=company,
        verdict_finding=finding(company) if company else None,
    )


@bp.get("/entreprises/<slug>")
@remembered
def company(slug: str) -> Response | str:
    register = generation().register
    found = register.get(slug)
    if found is None:
        return redirect(url_for("public.company", slug=company_for_siren(register, slug).slug), 301)
    today = finding(found)
    asked = query_args.day("date", blank_is_absent=True)  # the page's form sends date=
    return render_template(
        "public/company.html",
        company=found,
        finding=today,
        as_of=finding(found, asked) if asked else None,
        linked_data=organization_jsonld(found, today),
        changes=corrections(found),
    )


@bp.get("/entreprises/<slug>.json")
@json_twin
def company_json(slug: str) -> Response:
    register = generation().register
    found = register.get(slug) or abort(404)
    return jsonify(json_bodies.company_json(found, register, json_bodies.requested_day()))


@bp.get("/label")
def label() -> str:
    register = generation().register
    return render_template(
        "public/label.html",
        rules=register.label,
        sources={s.id: s for s in register.label.sources},
        company_count=len(register.companies),
    )


@bp.get("/labels")
def labels() -> str:
    return render_template("public/labels.html", guide=bundled_guide())


@bp.get("/labels.json")
@json_twin
@same_in_every_language
def labels_json() -> Response:
    return jsonify(guide_json(bundled_guide()))
