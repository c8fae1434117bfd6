"""What a company's status was on a given date, computed only from its dated history.

A journalist asking "was X certified on 3 March 2023?" needs an answer the register can
defend. So the answer is "unknown" as soon as it would rest on a guess: an event without
a date (it could fall on either side of the asked date), an empty history, or a date after
the entry was last checked (later changes may not be recorded yet).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from register.model import Company, HistoryEvent

EVENT_STATUS = {
    "certified": "certified",
    "renewed": "certified",
    "reinstated": "certified",
    "expired": "expired",
    "suspended": "suspended",
    "withdrawn": "withdrawn",
}
ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
UNKNOWN = "unknown"
NOT_CERTIFIED = "not_certified"
AS_OF_STATUSES = (*dict.fromkeys(EVENT_STATUS.values()), NOT_CERTIFIED, UNKNOWN)
# Why an as-of answer is what it is; the web layer turns these codes into sentences.
REASONS = (
    "from_event",
    "before_first_event",
    "undated_events",
    "no_history",
    "after_last_check",
)


@dataclass(frozen=True)
class AsOf:
    date: dt.date
    status: str
    reason: str
    event: HistoryEvent | None = None
    last_checked: dt.date | None = None

    @property
    def known(self) -> bool:
        return self.status != UNKNOWN


def parse_date(text: str) -> dt.date:
    """Strict YYYY-MM-DD: `date.fromisoformat` also accepts forms like 20240101 or 2024-W01."""
    if not ISO_DATE_RE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    return dt.date.fromisoformat(text)


def status_on(company: Company, date: dt.date) -> AsOf:
    """The company's status on `date` according to its history, or UNKNOWN with the reason."""
    if not company.history:
        return AsOf(date, UNKNOWN, "no_history", last_checked=company.last_checked)
    if any(event.date is None for event in company.history):
        return AsOf(date, UNKNOWN, "undated_events", last_checked=company.last_checked)
    if company.last_checked is None or date > company.last_checked:
        return AsOf(date, UNKNOWN, "after_last_check", last_checked=company.last_checked)
    earlier = [event for event in _chronological(company.history) if event.date <= date]
    if not earlier:
        return AsOf(date, NOT_CERTIFIED, "before_first_event", last_checked=company.last_checked)
    deciding = earlier[-1]
    return AsOf(
        date,
        EVENT_STATUS[deciding.event],
        "from_event",
        event=deciding,
        last_checked=company.last_checked,
    )


def timeline(company: Company) -> list[HistoryEvent]:
    """Events oldest first, undated ones last in register order: they cannot be placed."""
    dated = _chronological([e for e in company.history if e.date is not None])
    return dated + [e for e in company.history if e.date is None]


def _chronological(events: tuple[HistoryEvent, ...] | list[HistoryEvent]) -> list[HistoryEvent]:
    # sorted() is stable, so same-day events keep the order the register lists them in.
    return sorted(events, key=lambda event: event.date)
