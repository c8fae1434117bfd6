"""Abuse limits: one per-client budget shared by every route that searches.

Searching is the only costly thing the site does, so only `/recherche`, the JSON API and the
widget configurator when it is asked to find a company (`/widget?q=`) count; pages, embeds,
static files and `/healthz` are never limited. The budget is read from
`RATELIMIT_SEARCH` at request time, so tests and load checks can raise it. Storage is in
memory per worker unless `RATELIMIT_STORAGE_URI` names a shared store (Redis...).
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, request
from flask_babel import gettext as _
from flask_limiter import ApplicationLimit, Limiter
from flask_limiter.util import get_remote_address

from webapp.embeds.snippets import requested_query
from webapp.report_form.budgets import REDIS_SCHEMES, redis_options

SEARCH_ENDPOINT = "public.search"
CONFIGURATOR_ENDPOINT = "embeds.configurator"


def init_app(app: Flask) -> None:
    uri = app.config["RATELIMIT_STORAGE_URI"]
    limiter = Limiter(
        get_remote_address,
        # Searches fail open: a store that is down, blocked or slow costs each search at most
        # STORE_TIMEOUT, and the search goes on unlimited (reports fail closed instead).
        swallow_errors=True,
        storage_options=redis_options() if uri.startswith(REDIS_SCHEMES) else {},
        application_limits=[
            ApplicationLimit(
                limit_provider=lambda: current_app.config["RATELIMIT_SEARCH"],
                scope="search",
                error_message=_breach_message,
            )
        ],
    )
    limiter.init_app(app)
    _check_only_searches(app, limiter)
    app.extensions["rate_limiter"] = limiter
    app.after_request(_explain_429)


def _check_only_searches(app: Flask, limiter: Limiter) -> None:
    """Run flask-limiter's per-request check on searches only.

    Even for a request it exempts, flask-limiter resolves exemption scopes and meta limits
    first: a fifth of a badge request's time (profiled). Wrapping its hook skips all that.
    """
    hooks = app.before_request_funcs.get(None, [])
    check = limiter._check_request_limit
    if check in hooks:  # not registered when RATELIMIT_ENABLED is false
        hooks[hooks.index(check)] = lambda: None if _not_a_search() else check()


def _not_a_search() -> bool:
    if request.endpoint == CONFIGURATOR_ENDPOINT:
        return not requested_query()
    return request.endpoint != SEARCH_ENDPOINT and request.blueprint != "api"


def _breach_message() -> str:
    return _(
        "Trop de recherches depuis votre adresse en peu de temps "
        "(limite : %(limit)s). Patientez puis réessayez.",
        limit=current_app.config["RATELIMIT_SEARCH"],
    )


def _explain_429(response: Response) -> Response:
    """Tell clients when to come back, and keep shared caches from storing the refusal."""
    if response.status_code != 429:
        return response
    breached = current_app.extensions["rate_limiter"].current_limit
    if breached is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(breached.reset_at - time.time())))
    response.headers["Cache-Control"] = "no-store"
    return response
