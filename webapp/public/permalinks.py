"""Other ways to name a company's permalink: its SIREN, or its page URL (for oEmbed)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from flask import abort, current_app, request
from werkzeug.exceptions import HTTPException

from register import Company, Register
from register.dating import parse_date


def company_for_siren(register: Register, text: str) -> Company:
    """`/entreprises/552 081 317` names EDF; anything else that is not a slug is a 404."""
    digits = text.replace(" ", "")
    found = register.by_siren(digits) if len(digits) == 9 and digits.isdigit() else None
    if found is None:
        abort(404)
    return found


def company_for_url(register: Register, url: str) -> Company | None:
    """The company whose page `url` is on this site (any query string ignored), else None."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" in an IPv6 host
        return None
    if parts.scheme not in ("http", "https") or parts.netloc != request.host:
        return None
    adapter = current_app.url_map.bind(request.host)
    try:
        endpoint, values = adapter.match(parts.path, method="GET")
    except HTTPException:
        return None
    if endpoint != "public.company":
        return None
    return register.get(values["slug"])


def day_in_url(url: str) -> dt.date | None:
    """The `date=` of a dated permalink (YYYY-MM-DD), so its oEmbed title leads with it."""
    try:
        asked = parse_qs(urlsplit(url).query).get("date", [""])[0]
        return parse_date(asked)
    except ValueError:
        return None
