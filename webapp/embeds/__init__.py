"""Embeds for retailers: SVG badge, iframe card, JS loader and the configurator page.

Embeds set no cookies, load nothing from third parties and send their own complete headers
(see webapp.embeds.headers). The card's wording depends on the Referer (see
webapp.embeds.options.placement).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, render_template, request
from flask_babel import force_locale

from webapp import clock, query_args
from webapp.embeds import badge, oembed, snippets, social
from webapp.embeds.card import card_context
from webapp.embeds.headers import (
    BADGE_POLICY,
    CARD_POLICY,
    VERSIONED_CACHE_CONTROL,
    WIDGET,
    body_etag,
    cached,
    embeddable,
    status_cache_control,
)
from webapp.embeds.options import EmbedOptions
from webapp.memo import memo
from webapp.response_policy import fragment_or_page
from webapp.served import finding, generation

bp = Blueprint("embeds", __name__)
CONFIGURATOR_FORM_ID = "widget-form"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(oembed.bp)


@bp.get("/badge/<slug>.svg")
def badge_svg(slug: str) -> Response:
    options = EmbedOptions.from_args()
    today = clock.today()
    # Badges are hot (one per retailer page view) and fixed for a generation and a day:
    # rendered (and hashed) once. A register update or a status that changes with the date (a
    # term that ends) makes a new key, so it renders afresh.
    key = (generation().name, slug, options, today)
    svg, changes_on, found, etag = memo("badges").get(key, lambda: _badge(slug, options, today))
    response = Response(svg, status=200 if found else 404, mimetype="image/svg+xml")
    policy = status_cache_control(today, changes_on)
    return cached(embeddable(response, BADGE_POLICY), policy, etag=etag)


def _badge(slug: str, options: EmbedOptions, day: dt.date) -> tuple[str, dt.date | None, bool, str]:
    company = generation().register.get(slug)
    answer = finding(company, day) if company else None
    with force_locale(options.lang):
        layout = badge.badge_for(company, answer, options.theme, options.size)
        svg = render_template("embeds/badge.svg", badge=layout)
    changes_on = answer.changes_on if answer else None
    return svg, changes_on, company is not None, body_etag(svg)


@bp.get("/social/<slug>.png")
def social_png(slug: str) -> Response:
    """The company page's og:image; cached like the badge, per generation, language and day."""
    options = EmbedOptions.from_args()
    today = clock.today()
    generation().register.get(slug) or abort(404)
    key = (generation().name, slug, options.lang, today)
    png, changes_on, etag = memo("social").get(key, lambda: _social(slug, options.lang, today))
    response = Response(png, mimetype="image/png")
    return cached(
        embeddable(response, BADGE_POLICY), status_cache_control(today, changes_on), etag=etag
    )


def _social(slug: str, lang: str, day: dt.date) -> tuple[bytes, dt.date | None, str]:
    company = generation().register.get(slug)
    answer = finding(company, day)
    with force_locale(lang):
        png = social.social_png(company, answer)
    return png, answer.changes_on, body_etag(png)


@bp.get("/embed/<slug>")
def embed(slug: str) -> Response:
    options = EmbedOptions.from_args()
    company = generation().register.get(slug)
    own_host = urlsplit(request.host_url).hostname or ""
    with force_locale(options.lang):
        answer = finding(company) if company else None
        context = card_context(company, answer, slug, options, request.referrer, own_host)
        html = render_template("embeds/card.html", **context)
    response = Response(html, status=200 if company else 404, mimetype="text/html")
    response.vary.add("Referer")
    policy = status_cache_control(clock.today(), answer.changes_on if answer else None)
    return cached(embeddable(response, CARD_POLICY), policy)


@bp.get("/widget.js")
def widget_js() -> Response:
    response = Response(WIDGET.source, mimetype="text/javascript")
    if query_args.text("v") == WIDGET.version:
        return cached(embeddable(response), VERSIONED_CACHE_CONTROL)
    return cached(embeddable(response))


@bp.get("/widget")
def configurator() -> Response:
    choice = snippets.Choice.from_args(generation())
    return fragment_or_page(
        "embeds/widget_preview.html",
        "embeds/widget.html",
        CONFIGURATOR_FORM_ID,
        choice=choice,
        today_finding=finding(choice.company) if choice.company else None,
        form_id=CONFIGURATOR_FORM_ID,
        kinds=[(kind, snippets.KIND_LABELS[kind]) for kind in snippets.KINDS],
        option_fields=snippets.OPTION_FIELDS,
        term_years=generation().register.label.term_years,
    )
