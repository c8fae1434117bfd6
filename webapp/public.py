"""Pages for consumers: home, search results, company verdict, label explanation."""

from __future__ import annotations

from flask import Blueprint, Response, abort, make_response, render_template, request

from webapp.data import generation

bp = Blueprint("public", __name__)
SEARCH_INPUT_ID = "search-input"


def _wants_results_fragment() -> bool:
    """Active search asks for the results only; boosted links and history restores want pages."""
    htmx = request.htmx
    return bool(htmx) and htmx.trigger == SEARCH_INPUT_ID and not htmx.history_restore_request


@bp.get("/")
def home() -> str:
    register = generation().register
    return render_template("home.html", companies=register.companies, outcome=None)


@bp.get("/recherche")
def search() -> Response:
    current = generation()
    outcome = current.index.search(request.args.get("q", ""))
    template = "partials/results.html" if _wants_results_fragment() else "search.html"
    response = make_response(render_template(template, outcome=outcome, register=current.register))
    response.vary.add("HX-Request")
    return response


@bp.get("/entreprises/<slug>")
def company(slug: str) -> str:
    found = generation().register.get(slug)
    if found is None:
        abort(404)
    return render_template("company.html", company=found)


@bp.get("/label")
def label() -> str:
    return render_template("label.html")
