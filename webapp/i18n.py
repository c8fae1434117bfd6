"""Locale choice: which language a request is answered in, and links that keep it.

French is the default. The locale comes from `?lang=` when given, else from
Accept-Language (webapp.language, the rule nginx's cache key follows too); it is never
stored in a cookie. A language chosen with `?lang=` is
carried on every link the page builds, since nothing else remembers it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import Babel, get_locale

from webapp import query_args
from webapp.errors import is_error_page
from webapp.language import reader_language

SUPPORTED_LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"
LANG_ARG = "lang"
# The blueprints programs read (/api/v1/…): their answers are not pages, so a page's chosen
# language is never carried onto their URLs.
MACHINE_BLUEPRINTS = ("api.", "certificates.")
# Each language is named in itself, so a visitor who cannot read the page still finds theirs.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)


def chosen_locale() -> str | None:
    """The language asked for in the URL, if any: the only choice worth carrying on."""
    asked = query_args.text(LANG_ARG)
    return asked if asked in SUPPORTED_LOCALES else None


def select_locale() -> str:
    """`?lang=`, else Accept-Language by the rule nginx applies too (webapp.language)."""
    return chosen_locale() or reader_language(request.headers.get("Accept-Language"))


def keep_chosen_locale(endpoint: str | None, values: dict[str, Any]) -> None:
    if (
        endpoint in (None, "static")
        or endpoint.startswith(MACHINE_BLUEPRINTS)
        or LANG_ARG in values
    ):
        return
    chosen = chosen_locale()
    if chosen:
        values[LANG_ARG] = chosen


def locale_url(locale: str | None, external: bool = False) -> str:
    """This page in `locale`; None gives the negotiated (Accept-Language) address.

    Only the arguments the site knows are carried (webapp.query_args.CARRIED); an error page
    links to the home page, so it never depends on what the request carried.
    """
    if request.endpoint is None or is_error_page():
        return url_for("public.home", _external=external, **{LANG_ARG: locale})
    values = {**(request.view_args or {}), **query_args.carried(), LANG_ARG: locale}
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


def current_locale() -> str:
    return str(get_locale())
