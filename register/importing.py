"""Checking a register before it may go live: every fault listed, new events evidenced.

Shared by every path that changes the register — the import command, identity checks and
accepted public reports — so none of them can publish something an import would refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from register.certifier_writes import keep_certifier_writes
from register.changes import with_recorded_events
from register.incremental_validation import check_changed
from register.model import RegisterError
from register.paths import PROJECT_ROOT
from register.source import Incoming, SourceError
from register.validation import known_record


class InvalidImport(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def prepare(
    incoming: Incoming, current: dict[str, Any], today: dt.date, current_valid: bool = False
) -> tuple[dict[str, Any], int]:
    """Validate everything, stamp and bound new events; raise InvalidImport listing all faults.

    Also returns how many certificates published by certifiers through the API were kept
    because the proposal lacked them (register.certifier_writes): no writer erases them.
    `current_valid` says `current` is the register as it passed these checks when installed:
    then only what differs from it is read again (register.incremental_validation), with the
    same faults found, so one certificate does not cost a check of the whole register."""
    errors = []
    if isinstance(incoming.raw, dict) and "label_rules" not in incoming.raw:
        incoming.raw["label_rules"] = current.get("label_rules")  # a CSV carries companies only
    unchanged = current if current_valid else {"companies": []}
    try:
        check_changed(incoming.raw, unchanged, origin=incoming.origin)
    except RegisterError as exc:
        errors += exc.errors
    errors += _unresolvable_files(incoming, unchanged)
    if errors:
        raise InvalidImport([_with_line(e, incoming) for e in errors])
    candidate, refusals = with_recorded_events(current, incoming.raw, today, incoming.origin)
    if refusals:
        raise InvalidImport([_with_line(e, incoming) for e in refusals])
    kept = keep_certifier_writes(current, candidate)
    try:
        check_changed(candidate, unchanged, origin=incoming.origin)
    except RegisterError as exc:  # the events we added must themselves be valid
        raise InvalidImport(exc.errors) from exc
    return candidate, kept


def current_raw(registry: Path) -> dict[str, Any]:
    """The register being replaced; a first import starts from an empty one."""
    try:
        return json.loads(registry.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"companies": []}
    except (OSError, ValueError) as exc:
        raise SourceError(f"{registry}: current register unreadable ({exc})") from exc


def _unresolvable_files(incoming: Incoming, valid: dict[str, Any]) -> list[str]:
    """A source naming a local file must point at a file kept in the project (a record equal
    to one of the `valid` register was checked when that register was installed)."""
    errors: list[str] = []
    root = PROJECT_ROOT.resolve()
    records = incoming.raw.get("companies") if isinstance(incoming.raw, dict) else None
    known = {r["slug"]: r for r in valid["companies"]}
    for index, record in enumerate(records if isinstance(records, list) else [], start=1):
        if known_record(record, known):
            continue
        sources = record.get("sources") if isinstance(record, dict) else None
        for position, source in enumerate(sources if isinstance(sources, list) else [], start=1):
            name = source.get("file") if isinstance(source, dict) else None
            if not isinstance(name, str) or not name:
                continue
            target = (root / name).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                errors.append(
                    f"{incoming.origin}: record {index} ({record.get('slug')}): field "
                    f"'sources[{position}].file': {name!r} is not a file in the project"
                )
    return errors


def _with_line(error: str, incoming: Incoming) -> str:
    """CSV imports: name the line as well as the record number."""
    if not incoming.record_lines:
        return error

    def add_line(match: re.Match) -> str:
        number = int(match.group(1))
        if number > len(incoming.record_lines):
            return match.group(0)
        return f"line {incoming.record_lines[number - 1]}, record {number}"

    return re.sub(r"record (\d+)", add_line, error, count=1)
