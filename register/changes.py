"""What an import changes: a diff for people, and history events for status changes.

A status change is recorded as a history event so the company page and as-of answers
can show it. Its `date` is the import date (the day the change was observed; the real
date of the change is not published in the data we receive, so we do not guess it) and
its `source` must be evidence of the new status: a source entry covering `status` that is
new or updated in this import. An import that changes a status without such evidence is
refused — re-citing last year's press article for this year's withdrawal would be false.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

CERTIFICATE_FIELDS = ("number", "issuer", "issued_on", "valid_until")
COUNTED_LISTS = ("history", "sources")


@dataclass
class RecordChange:
    slug: str
    name: str
    kind: str  # "added", "removed" or "changed"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # name, before, after


def status_event(before: str | None, after: str) -> str:
    """The history event that moves a company from one status to another."""
    if after == "certified":
        return {"suspended": "reinstated", "expired": "renewed"}.get(before or "", "certified")
    return after


def compare(current: dict[str, Any], incoming: dict[str, Any]) -> list[RecordChange]:
    before = {r["slug"]: r for r in current.get("companies", [])}
    after = {r["slug"]: r for r in incoming["companies"]}
    changes = [RecordChange(s, r["name"], "added") for s, r in after.items() if s not in before]
    for slug, old in before.items():
        new = after.get(slug)
        if new is None:
            changes.append(RecordChange(slug, old["name"], "removed"))
        elif differences := _field_differences(old, new):
            changes.append(RecordChange(slug, new["name"], "changed", differences))
    return changes


def describe(changes: list[RecordChange], unchanged: int) -> str:
    lines = []
    marks = {"added": "+ added", "removed": "- removed", "changed": "~ changed"}
    for change in changes:
        lines.append(f"{marks[change.kind]}: {change.slug} ({change.name})")
        lines += [f"    {name}: {old} -> {new}" for name, old, new in change.fields]
    lines.append(f"= {unchanged} unchanged")
    return "\n".join(lines)


def with_status_events(
    current: dict[str, Any], incoming: dict[str, Any], today: dt.date, origin: str
) -> tuple[dict[str, Any], list[str]]:
    """Return the incoming register with an event per status change, and any refusals."""
    result = copy.deepcopy(incoming)
    before = {r["slug"]: r for r in current.get("companies", [])}
    errors = []
    for index, record in enumerate(result["companies"], start=1):
        old = before.get(record["slug"])
        if old is None or old.get("status") == record["status"]:
            continue
        event = status_event(old.get("status"), record["status"])
        if _already_recorded(old, record, event):
            continue
        evidence = _new_status_sources(old, record)
        if not evidence:
            errors.append(
                f"{origin}: record {index} ({record['slug']}): field 'status': changes from "
                f"{old.get('status')!r} to {record['status']!r} but no new or updated source "
                "covers 'status'; add the source that reports the change"
            )
            continue
        record.setdefault("history", []).append(
            {
                "date": today.isoformat(),
                "event": event,
                "source": evidence[0],
                "note": (
                    f"Changement de statut constaté lors de l'import du registre du "
                    f"{today.isoformat()} ({old.get('status')} → {record['status']}) ; "
                    "la date réelle du changement n'est pas publiée."
                ),
            }
        )
    return result, errors


def _already_recorded(old: dict[str, Any], new: dict[str, Any], event: str) -> bool:
    """The incoming record itself documents the change with an event we did not have."""
    known = {_canonical(e) for e in old.get("history") or []}
    return any(
        e.get("event") == event and _canonical(e) not in known for e in new.get("history") or []
    )


def _new_status_sources(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    known = {_canonical(s) for s in old.get("sources") or []}
    return [
        s["id"]
        for s in new.get("sources") or []
        if "status" in (s.get("covers") or []) and _canonical(s) not in known
    ]


def _field_differences(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str]]:
    differences = []
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name), new.get(name)
        if name == "certificate":
            for part in CERTIFICATE_FIELDS:
                b, a = (before or {}).get(part), (after or {}).get(part)
                if b != a:
                    differences.append((f"certificate.{part}", _show(b), _show(a)))
        elif name in COUNTED_LISTS:
            b_set = {_canonical(x) for x in before or []}
            a_set = {_canonical(x) for x in after or []}
            if b_set != a_set:
                differences.append(
                    (name, f"{len(before or [])} entries", _counted(after, a_set - b_set, b_set))
                )
        elif before != after:
            differences.append((name, _show(before), _show(after)))
    return differences


def _counted(after: list | None, added: set[str], before: set[str]) -> str:
    removed = len(before - {_canonical(x) for x in after or []})
    return f"{len(after or [])} entries (+{len(added)} new, -{removed} gone)"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
