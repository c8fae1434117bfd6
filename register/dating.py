"""Dates that may be known only within bounds, and the arithmetic of a label's term.

Most evidence about this label carries no printed date, yet it can be bounded (an article
names a ministry that existed only between two dates). A bounded date is stored with the
reason for its bounds, so the site can say "no later than 20 May 2022" and why, instead of
pretending to a day it does not know or throwing the knowledge away as null.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class DateBounds:
    """A day known exactly (earliest == latest) or only between bounds; None is open-ended."""

    earliest: dt.date | None
    latest: dt.date | None
    reason: str | None = None
    reason_en: str | None = None  # the reason's English twin (register.english)

    @classmethod
    def exactly(cls, day: dt.date) -> DateBounds:
        return cls(day, day)

    @property
    def exact(self) -> dt.date | None:
        return self.earliest if self.earliest is not None and self.earliest == self.latest else None

    def as_json(self) -> dict[str, str | None]:
        return {
            "exact": self.exact.isoformat() if self.exact else None,
            "not_before": self.earliest.isoformat() if self.earliest else None,
            "not_after": self.latest.isoformat() if self.latest else None,
            "reason": self.reason,
            "reason_en": self.reason_en,
        }


def parse_date(text: object) -> dt.date:
    """Strict YYYY-MM-DD: `date.fromisoformat` also accepts forms like 20240101 or 2024-W01.

    Takes any value, as JSON from outside may hold a number or a list where a date belongs:
    every reader then has one fault to catch, ValueError."""
    if not isinstance(text, str) or not ISO_DATE_RE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 1 March in a common year,
    so a term never ends earlier than its full length."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)
