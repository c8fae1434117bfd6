"""The register's public change log: each accepted correction, dated, with its source.

A record may carry `changes`: [{date, field, before, after, source}], appended when a
moderator accepts a report (reports.corrections) and never rewritten. `source` names one
of the record's sources, the evidence the correction rests on. The entries are parsed with
the rest of the record (register.record_checks calls `parse_changes`) into `Company.changes`,
so the company page, the journal and the feed read the model, never the raw register.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from register.dating import parse_date
from register.model import Change, Company, Register, Source

ENTRY_KEYS = ("date", "field", "before", "after", "source")


class Logged(NamedTuple):
    """A change with the company it belongs to, as the journal and the feed list them."""

    company: Company
    change: Change


def corrections(company: Company) -> list[Logged]:
    """This company's changes, oldest first."""
    return [Logged(company, change) for change in company.changes]


def journal(register: Register) -> list[Logged]:
    """Every change in the register, newest first (same-day ones in register order)."""
    logged = [Logged(c, change) for c in register.companies for change in c.changes]
    return sorted(logged, key=lambda entry: entry.change.date, reverse=True)


def parse_changes(
    value: Any, sources: tuple[Source, ...], fail: Callable[[str, str], None]
) -> tuple[Change, ...]:
    """The record's `changes`, each checked; `fail(field, message)` names every fault."""
    if not isinstance(value, list):
        fail("changes", "must be a list")
        return ()
    by_id = {source.id: source for source in sources}
    changes = []
    for position, entry in enumerate(value, start=1):
        label = f"changes[{position}]"
        if not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS):
            fail(label, f"must have exactly {', '.join(ENTRY_KEYS)}")
            continue
        try:
            day = parse_date(entry["date"])
        except ValueError:
            fail(label, f"date {entry['date']!r} is not YYYY-MM-DD")
            day = None
        if not isinstance(entry["field"], str) or not entry["field"]:
            fail(label, "field must name a register field")
        source = by_id.get(entry["source"]) if isinstance(entry["source"], str) else None
        if source is None:
            fail(label, f"source {entry['source']!r} is not a listed source")
        if day and source:
            changes.append(
                Change(position, day, entry["field"], entry["before"], entry["after"], source)
            )
    return tuple(changes)
