"""What an import changes: a diff for people, and checks on the events it brings.

No status is stored (it is derived from dated events), so an import changes a status by
bringing an event. Each new event must cite evidence of it: a source that is new or updated
in this import — re-citing last year's press article for this year's withdrawal would be
false. It is stamped with the day it entered the register (`recorded_on`), and an event
without a date is bounded by that day ("no later than the import"), never given a guessed one.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

COUNTED_LISTS = ("history", "sources", "certificates")


@dataclass
class RecordChange:
    slug: str
    name: str
    kind: str  # "added", "removed" or "changed"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # name, before, after


def compare(current: dict[str, Any], incoming: dict[str, Any]) -> list[RecordChange]:
    before = {r["slug"]: r for r in current.get("companies", [])}
    after = {r["slug"]: r for r in incoming["companies"]}
    changes = [RecordChange(s, r["name"], "added") for s, r in after.items() if s not in before]
    for slug, old in before.items():
        new = after.get(slug)
        if new is None:
            changes.append(RecordChange(slug, old["name"], "removed"))
        elif new is not old and new != old and (differences := _field_differences(old, new)):
            changes.append(RecordChange(slug, new["name"], "changed", differences))
    return changes


def describe(changes: list[RecordChange], companies_after: int) -> str:
    """The diff for people; `companies_after` is the size of the new register."""
    unchanged = companies_after - sum(change.kind != "removed" for change in changes)
    lines = []
    marks = {"added": "+ added", "removed": "- removed", "changed": "~ changed"}
    for change in changes:
        lines.append(f"{marks[change.kind]}: {change.slug} ({change.name})")
        lines += [f"    {name}: {old} -> {new}" for name, old, new in change.fields]
    lines.append(f"= {unchanged} unchanged")
    return "\n".join(lines)


def with_recorded_events(
    current: dict[str, Any], incoming: dict[str, Any], today: dt.date, origin: str
) -> tuple[dict[str, Any], list[str]]:
    """Return the incoming register with its new events stamped and bounded, and refusals.

    Only the records that differ from the current register are copied (a record equal to its
    current self brings no new event): the rest of the result is shared with `incoming`, and
    whoever changes a record of it copies that record first."""
    result = {**incoming, "companies": list(incoming["companies"])}
    before = {r["slug"]: r for r in current.get("companies", [])}
    errors = []
    for index, record in enumerate(result["companies"], start=1):
        old = before.get(record["slug"], {})
        if record == old:
            continue
        record = result["companies"][index - 1] = copy.deepcopy(record)
        known = {_canonical(_unstamped(e)) for e in old.get("history") or []}
        evidence = set(_new_status_sources(old, record))
        for position, event in enumerate(record.get("history") or [], start=1):
            if _canonical(_unstamped(event)) in known:
                continue
            if old and not evidence & set(event.get("sources") or []):
                errors.append(
                    f"{origin}: record {index} ({record['slug']}): field 'history[{position}]': "
                    f"new event {event.get('event')!r} cites no new or updated source covering "
                    "'status'; add the source that reports it"
                )
                continue
            event.setdefault("recorded_on", today.isoformat())
            if event.get("date") is None:
                event["date"] = {
                    "not_before": None,
                    "not_after": today.isoformat(),
                    "reason": "Date réelle non publiée : le fait était établi au plus tard le "
                    f"jour de son import dans le registre ({today.isoformat()}).",
                    "reason_en": "Actual date not published: the fact was established no later "
                    f"than the day it was imported into the register ({today.isoformat()}).",
                }
    return result, errors


def _unstamped(event: Any) -> Any:
    """An event as a source gives it, before this register stamps or bounds it."""
    if not isinstance(event, dict):
        return event
    return {k: v for k, v in event.items() if k not in ("recorded_on",)}


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
        if name in COUNTED_LISTS:
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
