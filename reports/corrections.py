"""Turn an accepted report into a candidate register: evidence as a dated source, a change entry.

The candidate is only a proposal: the moderation command computes it inside
register.publishing.publish, which validates it like any import and installs or refuses it.
Every change cites the report's evidence, added as a source dated by the day the moderator
consulted it (`accessed`) and, when the moderator read it, the day it was published.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from register import RegisterError, find, parse_register
from register.certificate_records import journal_value
from register.model import CERTIFICATE_SOURCE_KINDS, SOURCE_KINDS, number_key
from register.slugs import slugify
from reports.store import Report
from reports.submission import STATUS_AFTER

# Fields a moderator may correct after an "error" report; history and sources change only
# through evidence, and the status through a status report.
CORRECTABLE = ("name", "legal_name", "aliases", "domains", "siren", "scope")


class CorrectionError(RegisterError):
    """The moderator's instructions cannot make a change (unknown field, no company...): a
    register error, so the publishing path refuses it like any invalid proposal."""

    def __init__(self, message: str):
        super().__init__([message])


@dataclass(frozen=True)
class CitedDocument:
    """The document a report points to, as the moderator describes it: it becomes a source.

    Not to be confused with register.Evidence, the dated events a finding rests on.
    """

    title: str
    kind: str
    published: dt.date | None = None


def source_id(report: Report) -> str:
    """Stable and unique per report, without publishing the reference (the receipt's key)."""
    return f"signalement-{hashlib.sha256(report.reference.encode()).hexdigest()[:10]}"


def parse_assignment(text: str) -> tuple[str, Any]:
    """`field=value`; the value is JSON when it parses (null, lists), text otherwise."""
    name, sep, value = text.partition("=")
    if not sep:
        raise CorrectionError(f"{text!r}: expected FIELD=VALUE")
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    return name.strip(), parsed


def corrected_register(
    current: dict[str, Any],
    report: Report,
    document: CitedDocument,
    assignments: list[tuple[str, Any]],
    today: dt.date,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The register with the report's change applied, and the change entries it logs."""
    if report.evidence_url is None:
        raise CorrectionError("this report has no evidence URL: nothing to cite")
    if document.kind not in SOURCE_KINDS:
        raise CorrectionError(f"source kind must be one of {', '.join(SOURCE_KINDS)}")
    candidate = copy.deepcopy(current)
    source = _source(report, document, today)
    if report.kind == "addition":
        record = _new_record(report, candidate, today, document.published)
        candidate["companies"].append(record)
        changes = [_entry(today, "entry", None, record["name"], source["id"])]
        assignments = list(assignments)
    else:
        record = _find(candidate, report.company_slug)
        changes = []
        if report.kind in STATUS_AFTER:
            before = _status_on(current, record["slug"], today)
            event = _event(report.kind, source["id"], today, document.published)
            record.setdefault("history", []).append(event)
            changes.append(_entry(today, "status", before, STATUS_AFTER[report.kind], source["id"]))
        elif report.kind == "certificate":
            changes.append(_certificate_version(record, report, document, source["id"], today))
        elif not assignments:
            raise CorrectionError("an error report needs at least one --set FIELD=VALUE")
    for name, value in assignments:
        changes.append(_assign(record, name, value, today, source["id"]))
    covered = {c["field"].split(".")[0] for c in changes} - {"entry"}
    source["covers"] = sorted(
        covered | ({"name", "status"} if report.kind == "addition" else set())
    )
    record.setdefault("sources", []).append(source)
    record.setdefault("changes", []).extend(changes)
    record["reviewed_on"] = today.isoformat()
    for change in changes:
        if change["field"] == "status":  # what the new evidence makes of it, in the same words
            change["after"] = _status_on(candidate, record["slug"], today)
    return candidate, changes


def _status_on(raw: dict[str, Any], slug: str, today: dt.date) -> str:
    """Statuses are derived, never stored: "before" is what the register said on that day."""
    register = parse_register(raw, origin="current register")
    company = register.get(slug)
    if company is None:
        raise CorrectionError(f"{slug!r} is not in the register (any more)")
    return find(company, today, register.label).status


def describe_changes(slug: str, changes: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{slug} {c['field']}: {json.dumps(c['before'], ensure_ascii=False)} -> "
        f"{json.dumps(c['after'], ensure_ascii=False)}"
        for c in changes
    )


def _find(register: dict[str, Any], slug: str | None) -> dict[str, Any]:
    for record in register.get("companies", []):
        if record.get("slug") == slug:
            return record
    raise CorrectionError(f"{slug!r} is not in the register (any more)")


def _source(report: Report, document: CitedDocument, today: dt.date) -> dict[str, Any]:
    source = {
        "id": source_id(report),
        "kind": document.kind,
        "title": document.title,
        "url": report.evidence_url,
        "accessed": today.isoformat(),
        "note": "Document signalé par le public, consulté par la modération le "
        f"{today.isoformat()}.",
        "note_en": f"Document reported by the public, read by moderation on {today.isoformat()}.",
    }
    if document.published:
        source["published"] = document.published.isoformat()
    return source


def _event(
    kind: str, source: str, today: dt.date, published: dt.date | None = None
) -> dict[str, Any]:
    """The change happened no later than the document reporting it was published, when the
    moderator read that date, else no later than the day the moderator read the document;
    its real date is not in the report, so no earlier bound is guessed."""
    if published is not None and published <= today:
        latest = published
        reason = (
            f"Date réelle non publiée : le changement est établi au plus tard le "
            f"{published.isoformat()}, date de publication du document qui le rapporte."
        )
        reason_en = (
            "Actual date not published: the change is established no later than "
            f"{published.isoformat()}, the publication date of the document reporting it."
        )
    else:
        latest = today
        reason = (
            f"Changement constaté lors de la modération du {today.isoformat()} ; "
            "la date réelle du changement n'est pas publiée."
        )
        reason_en = (
            f"Change observed during moderation on {today.isoformat()}; "
            "the actual date of the change is not published."
        )
    return {
        "event": kind,
        "date": {
            "not_before": None,
            "not_after": latest.isoformat(),
            "reason": reason,
            "reason_en": reason_en,
        },
        "sources": [source],
        "recorded_on": today.isoformat(),
    }


def _certificate_version(
    record: dict[str, Any], report: Report, document: CitedDocument, source: str, today: dt.date
) -> dict[str, Any]:
    """The company's certificate as a new version: its own claim (`--source-kind company`,
    reported at most) or, with the certifier's confirmation as the source, certified."""
    if document.kind not in CERTIFICATE_SOURCE_KINDS:
        kinds = ", ".join(CERTIFICATE_SOURCE_KINDS)
        raise CorrectionError(f"a certificate is recorded with --source-kind {kinds}")
    claim = report.certificate_claim or {}
    version = {
        "status": "active",
        "issued_on": claim.get("issued_on"),
        "valid_until": claim.get("valid_until"),
        "status_since": None,
        "scope": None,
        "issuer": claim.get("issuer"),
        "published_on": today.isoformat(),
        "source": source,
    }
    number = claim.get("number") or ""
    certificates = record.setdefault("certificates", [])
    held = next((c for c in certificates if number_key(c["number"]) == number_key(number)), None)
    before = None
    if held is None:
        certificates.append({"number": number, "versions": [version]})
    else:
        latest = held["versions"][-1]
        kinds = {s.get("id"): s.get("kind") for s in record.get("sources") or []}
        before = journal_value(held["number"], latest, kinds.get(latest["source"]))
        held["versions"].append(version)
        number = held["number"]
    after = journal_value(number, version, document.kind)
    return _entry(today, "certificates", before, after, source)


def _entry(today: dt.date, field: str, before: Any, after: Any, source: str) -> dict[str, Any]:
    return {"date": today.isoformat(), "field": field, "before": before, "after": after,
            "source": source}  # fmt: skip


def _assign(record: dict[str, Any], name: str, value: Any, today: dt.date, source: str):
    if name not in CORRECTABLE:
        raise CorrectionError(f"{name!r} cannot be set; use one of {', '.join(CORRECTABLE)}")
    before = record.get(name)
    record[name] = value
    if before == value:
        raise CorrectionError(f"{name} is already {json.dumps(value, ensure_ascii=False)}")
    return _entry(today, name, before, value, source)


def _new_record(
    report: Report, register: dict[str, Any], today: dt.date, published: dt.date | None
) -> dict[str, Any]:
    slug = slugify(report.company_name)
    if any(r.get("slug") == slug for r in register.get("companies", [])):
        raise CorrectionError(f"{slug!r} is already in the register")
    source = source_id(report)
    return {
        "slug": slug,
        "name": report.company_name,
        "legal_name": None,
        "aliases": [],
        "domains": [],
        "siren": None,
        "certificates": [],
        "scope": None,
        "reviewed_on": today.isoformat(),
        "note": None,
        "history": [_event("certified", source, today, published)],
        "sources": [],
    }
