"""Locale choice and the words for statuses and match types.

French is the default. The locale comes from `?lang=` when given, else from
Accept-Language; it is never stored in a cookie.
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from search_index import MAX_QUERY_LENGTH

SUPPORTED_LOCALES = ("fr",)
DEFAULT_LOCALE = "fr"

STATUS_LABELS = {
    "certified": _l("Certifiée"),
    "expired": _l("Certification expirée"),
    "suspended": _l("Certification suspendue"),
    "withdrawn": _l("Certification retirée"),
}
EVENT_LABELS = {
    "certified": _l("Certification signalée ou accordée"),
    "renewed": _l("Certification renouvelée"),
    "expired": _l("Certification expirée"),
    "suspended": _l("Certification suspendue"),
    "reinstated": _l("Suspension levée"),
    "withdrawn": _l("Certification retirée"),
}
STATUS_SYMBOLS = {"certified": "✓", "expired": "⌛", "suspended": "⏸", "withdrawn": "✗"}
MATCH_LABELS = {
    "siren": _l("numéro SIREN"),
    "domain": _l("nom de domaine"),
    "exact": _l("nom exact"),
    "alias": _l("autre nom connu"),
    "prefix": _l("début du nom"),
    "fuzzy": _l("orthographe proche"),
}


def select_locale() -> str:
    asked = request.args.get("lang", "")
    if asked in SUPPORTED_LOCALES:
        return asked
    return request.accept_languages.best_match(SUPPORTED_LOCALES, DEFAULT_LOCALE)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        status_label=lambda status: STATUS_LABELS.get(status, status),
        status_symbol=lambda status: STATUS_SYMBOLS.get(status, "?"),
        event_label=lambda event: EVENT_LABELS.get(event, event),
        match_label=lambda match_type: MATCH_LABELS.get(match_type, match_type),
        current_locale=lambda: str(get_locale()),
        max_query_length=MAX_QUERY_LENGTH,
    )
