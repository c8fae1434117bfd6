"""Reading the query string: every request argument becomes a value or a readable 400 here.

One module so that every route reads its arguments the same way: a number is ASCII digits
only (`"²".isdigit()` is true, and `int("²")` then fails), a choice is one of its listed
values, a date is YYYY-MM-DD, and unknown names are ignored. Only the names in `CARRIED`
are ever copied into a URL the site builds, so a parameter named like one of url_for's own
keywords (`_external`, `_anchor`, a view argument...) can never reach it.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import abort, request
from flask_babel import gettext as _

from register import parse_date

# Arguments a page keeps when it links to itself in another language.
CARRIED = ("q", "date", "type", "theme", "size", "embed_lang", "entreprise")
_DIGITS = re.compile(r"[0-9]{1,9}")


def text(name: str, default: str = "") -> str:
    """The first value of `name`, as sent (repeated names: the first one counts)."""
    return request.args.get(name, default)


def given(name: str) -> bool:
    return name in request.args


def whole_number(name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    """ASCII digits within bounds; anything else is a 400 that names the accepted range."""
    raw = text(name)
    if not raw:
        return default
    value = int(raw) if _DIGITS.fullmatch(raw) else None
    if value is None or value < minimum or (maximum is not None and value > maximum):
        if maximum is None:
            message = _("« %(name)s » doit être un nombre entier d'au moins %(min)d.")
        else:
            message = _("« %(name)s » doit être un nombre entier de %(min)d à %(max)d.")
        abort(400, description=message % {"name": name, "min": minimum, "max": maximum})
    return value


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """One of `allowed`; an unknown value is refused rather than silently replaced."""
    value = text(name, default)
    if value not in allowed:
        abort(400, description=invalid_choice(name, allowed))
    return value


def optional_choice(name: str, allowed: tuple[str, ...]) -> str | None:
    """Like `choice`, but absence means "no filter"."""
    return choice(name, allowed, "") if given(name) else None


def invalid_choice(name: str, allowed: tuple[str, ...]) -> str:
    return _(
        "Le paramètre « %(name)s » accepte : %(values)s.", name=name, values=", ".join(allowed)
    )


def day(name: str, blank_is_absent: bool = False) -> dt.date | None:
    """A YYYY-MM-DD day, None when absent; malformed is a 400.

    Empty is malformed for programs (the OpenAPI schema says `format: date`), but a page's
    GET form left blank sends `date=`, which means "no date" there (`blank_is_absent`).
    """
    raw = text(name).strip()
    if not given(name) or (blank_is_absent and not raw):
        return None
    try:
        return parse_date(raw)
    except ValueError:
        abort(
            400,
            description=_(
                "La date doit avoir la forme AAAA-MM-JJ, par exemple 2023-03-01 (paramètre "
                "« %(name)s »).",
                name=name,
            ),
        )


def carried() -> dict[str, str]:
    """The arguments worth keeping on a link to this page, first value of each."""
    return {name: request.args[name] for name in CARRIED if name in request.args}
