"""Access to the generation this process serves (register + index), and findings for views.

Views never decide a status: they ask here for register.find's answer on a day (today by
default, from the app's clock).
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app

from register import Company, Finding, find
from search_index import Generation, LiveIndex, ensure_index
from webapp import clock
from webapp.memo import memo


def init_app(app: Flask) -> None:
    """Builds the index when there is none, so a fresh clone serves on first start."""
    ensure_index(app.config["REGISTRY_PATH"], app.config["INDEX_DIR"])
    app.extensions["live_index"] = LiveIndex(
        app.config["INDEX_DIR"], check_interval=app.config["GENERATION_CHECK_SECONDS"]
    )


def generation() -> Generation:
    return current_app.extensions["live_index"].current()


def findings_today() -> list[tuple[Company, Finding]]:
    """Every company with today's finding, for the whole-register answers (CSV, sitemap, the
    API's list). Not through the memo: those answers are remembered whole, and 10k findings
    would only push the hot companies out of it."""
    current, today = generation(), clock.today()
    return [(c, find(c, today, current.register.label)) for c in current.register.companies]


def finding(company: Company, day: dt.date | None = None) -> Finding:
    """register.find's answer, computed once per (generation, company, day) and reused: the
    company and the label's rules are fixed for a generation."""
    current = generation()
    day = day or clock.today()
    key = (current.name, company.slug, day)
    return memo("findings").get(key, lambda: find(company, day, current.register.label))
