"""When a response last changed: the data (a review, an event entering the register) or the
status derived from it for today (a term that ended) — never the index build time.

A status can change at midnight without any import, so the date of the latest derived
transition counts as a change; bodies carry their own hash as ETag (webapp.response_policy), so two
different files never share a validator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from flask import Response

from register import Company, Finding


def changed_on(company: Company, finding: Finding) -> dt.date | None:
    days = [company.data_changed_on, finding.holds_from]
    return max((d for d in days if d and d <= finding.date), default=None)


def latest_change(pairs: Iterable[tuple[Company, Finding]]) -> dt.date | None:
    return max((d for c, f in pairs if (d := changed_on(c, f))), default=None)


def stamp(response: Response, day: dt.date | None) -> Response:
    """Last-Modified at the start of that day (UTC); webapp.response_policy adds the body ETag."""
    if day is not None:
        response.last_modified = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return response
