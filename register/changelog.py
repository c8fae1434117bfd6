"""The register's public change log: each accepted correction, dated, with its source.

A record may carry `changes`: [{date, field, before, after, source}], appended when a
moderator accepts a report (reports.corrections) and never rewritten. `source` names one
of the record's sources, the evidence the correction rests on. Pages, the journal and the
feed read these entries; they are checked here like every other part of the register.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from register.dating import parse_date
from register.model import Company, Register, Source

ENTRY_KEYS = ("date", "field", "before", "after", "source")


@dataclass(frozen=True)
class Change:
    company: Company
    position: int  # 1-based place in the record's list: part of a stable feed ID
    date: dt.date
    field: str
    before: Any
    after: Any
    source: Source


def changes_of(register: Register, company: Company) -> list[Change]:
    """This company's changes, oldest first."""
    record = next(r for r in register.raw["companies"] if r["slug"] == company.slug)
    return [
        Change(
            company=company,
            position=position,
            date=dt.date.fromisoformat(entry["date"]),
            field=entry["field"],
            before=entry["before"],
            after=entry["after"],
            source=company.source(entry["source"]),
        )
        for position, entry in enumerate(record.get("changes") or [], start=1)
    ]


def journal(register: Register) -> list[Change]:
    """Every change in the register, newest first (same-day ones in register order)."""
    changes = [c for company in register.companies for c in changes_of(register, company)]
    return sorted(changes, key=lambda change: change.date, reverse=True)


def changelog_errors(raw: Any, origin: str) -> list[str]:
    """Every malformed change entry, named by record and position, as the importer lists them."""
    errors: list[str] = []
    records = raw.get("companies") if isinstance(raw, dict) else None
    for index, record in enumerate(records if isinstance(records, list) else [], start=1):
        if not isinstance(record, dict) or "changes" not in record:
            continue
        where = f"{origin}: record {index} ({record.get('slug')}): field 'changes"
        entries = record["changes"]
        if not isinstance(entries, list):
            errors.append(f"{where}': must be a list")
            continue
        source_ids = {s.get("id") for s in record.get("sources") or [] if isinstance(s, dict)}
        for position, entry in enumerate(entries, start=1):
            label = f"{where}[{position}]'"
            if not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS):
                errors.append(f"{label}: must have exactly {', '.join(ENTRY_KEYS)}")
                continue
            try:
                parse_date(entry["date"])
            except (TypeError, ValueError):
                errors.append(f"{label}: date {entry['date']!r} is not YYYY-MM-DD")
            if not isinstance(entry["field"], str) or not entry["field"]:
                errors.append(f"{label}: field must name a register field")
            if entry["source"] not in source_ids:
                errors.append(f"{label}: source {entry['source']!r} is not a listed source")
    return errors
