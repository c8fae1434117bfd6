"""Locale choice and the words for statuses and match types.

French is the default. The locale comes from `?lang=` when given, else from
Accept-Language; it is never stored in a cookie. A language chosen with `?lang=` is
carried on every link the page builds, since nothing else remembers it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from search_index import MAX_QUERY_LENGTH
from webapp import args
from webapp.errors import is_error_page

SUPPORTED_LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"
LANG_ARG = "lang"
# Each language is named in itself, so a visitor who cannot read the page still finds theirs.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}

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
# The register's field names, as a reader says them (a source "covers" these fields).
FIELD_LABELS = {
    "name": _l("nom"),
    "legal_name": _l("dénomination légale"),
    "aliases": _l("autres noms"),
    "domains": _l("sites web"),
    "siren": _l("SIREN"),
    "status": _l("statut"),
    "certificate": _l("certificat"),
    "scope": _l("périmètre"),
    "history": _l("historique"),
}
STATUS_SYMBOLS = {"certified": "✓", "expired": "⌛", "suspended": "⏸", "withdrawn": "✗"}
MATCH_LABELS = {
    "siren": _l("numéro SIREN"),
    "domain": _l("nom de domaine"),
    "exact": _l("nom exact"),
    "alias": _l("autre nom connu"),
    "phrase": _l("nom reconnu parmi des mots généraux"),
    "partial": _l("nom reconnu parmi d'autres mots"),
    "prefix": _l("début du nom"),
    "fuzzy": _l("orthographe proche"),
}


def chosen_locale() -> str | None:
    """The language asked for in the URL, if any: the only choice worth carrying on."""
    asked = args.text(LANG_ARG)
    return asked if asked in SUPPORTED_LOCALES else None


def select_locale() -> str:
    return chosen_locale() or request.accept_languages.best_match(SUPPORTED_LOCALES, DEFAULT_LOCALE)


def _keep_chosen_locale(endpoint: str | None, values: dict[str, Any]) -> None:
    if endpoint in (None, "static") or endpoint.startswith("api.") or LANG_ARG in values:
        return
    chosen = chosen_locale()
    if chosen:
        values[LANG_ARG] = chosen


def locale_url(locale: str | None, external: bool = False) -> str:
    """This page in `locale`; None gives the negotiated (Accept-Language) address.

    Only the arguments the site knows are carried (webapp.args.CARRIED); an error page
    links to the home page, so it never depends on what the request carried.
    """
    if request.endpoint is None or is_error_page():
        return url_for("public.home", _external=external, **{LANG_ARG: locale})
    values = {**(request.view_args or {}), **args.carried(), LANG_ARG: locale}
    return url_for(request.endpoint, _external=external, **values)


def locale_alternates() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) pairs for <link rel="alternate">; none on error pages."""
    if request.endpoint is None or is_error_page():
        return []
    pairs = [(locale, locale_url(locale, external=True)) for locale in SUPPORTED_LOCALES]
    return [*pairs, ("x-default", locale_url(None, external=True))]


def other_locales() -> list[tuple[str, str]]:
    current = str(get_locale())
    return [(code, name) for code, name in LANGUAGE_NAMES.items() if code != current]


def init_app(app: Flask) -> None:
    app.url_defaults(_keep_chosen_locale)
    app.jinja_env.globals.update(
        status_label=lambda status: STATUS_LABELS.get(status, status),
        status_symbol=lambda status: STATUS_SYMBOLS.get(status, "?"),
        event_label=lambda event: EVENT_LABELS.get(event, event),
        field_labels=lambda fields: ", ".join(str(FIELD_LABELS.get(f, f)) for f in fields),
        match_label=lambda match_type: MATCH_LABELS.get(match_type, match_type),
        current_locale=lambda: str(get_locale()),
        chosen_locale=chosen_locale,
        locale_url=locale_url,
        locale_alternates=locale_alternates,
        other_locales=other_locales,
        max_query_length=MAX_QUERY_LENGTH,
    )
