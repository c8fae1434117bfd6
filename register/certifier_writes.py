"""What an import must never erase: the certificates certifiers published through the API.

An upstream register file (the scheduled import) knows nothing of them: replacing the register
with it would silently drop issuer-grade data a certifier wrote here. So every certificate with a
version from a certifier's API write (a `certifier` source naming its `publisher`) is carried
into the candidate, with the sources its versions cite and the journal entries citing those
sources, unless the incoming file holds the same number for that company (then the file's
record stands, and the import's own checks apply to it).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from register.model import number_key


def keep_certifier_writes(current: dict[str, Any], candidate: dict[str, Any]) -> int:
    """Add to `candidate` (changed in place) what it would drop; return how many certificates.

    A record of `candidate` may be shared with `current` (writers copy only what they change),
    so one that receives a certificate is replaced by a copy first."""
    companies = candidate.get("companies") or []
    incoming = {r.get("slug"): position for position, r in enumerate(companies)}
    kept = 0
    for record in current.get("companies") or []:
        published = _published_certificates(record)
        if not published:
            continue
        position = incoming.get(record["slug"])
        if position is None:  # a company only certifiers know (added through the API)
            candidate["companies"].append(copy.deepcopy(record))
            kept += len(published)
            continue
        held = {number_key(c["number"]) for c in companies[position].get("certificates") or []}
        missing = [c for c in published if number_key(c["number"]) not in held]
        if missing:
            target = companies[position] = copy.deepcopy(companies[position])
            for certificate in missing:
                _carry(record, certificate, target)
            kept += len(missing)
    return kept


def _published_certificates(record: dict[str, Any]) -> list[dict[str, Any]]:
    api = {
        s.get("id")
        for s in record.get("sources") or []
        if s.get("kind") == "certifier" and s.get("publisher")
    }
    return [
        c
        for c in record.get("certificates") or []
        if any(v.get("source") in api for v in c.get("versions") or [])
    ]


def _carry(record: dict[str, Any], certificate: dict[str, Any], target: dict[str, Any]) -> None:
    """The certificate, its versions' sources and their journal entries, into `target`."""
    target.setdefault("certificates", []).append(copy.deepcopy(certificate))
    cited = {v.get("source") for v in certificate["versions"]}
    present = {s.get("id") for s in target.setdefault("sources", [])}
    for source in record.get("sources") or []:
        if source.get("id") in cited and source.get("id") not in present:
            target["sources"].append(copy.deepcopy(source))
    logged = {_canonical(entry) for entry in target.get("changes") or []}
    for entry in record.get("changes") or []:
        fits = entry.get("field") == "certificates" and entry.get("source") in cited
        if fits and _canonical(entry) not in logged:
            target.setdefault("changes", []).append(copy.deepcopy(entry))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
