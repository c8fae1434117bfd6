"""A certifier's batch of certificate records → a candidate register, all or nothing.

Pure: the current raw register, the records as the certifier sent them, the certifier's
account name and today in; a new raw register (or the reasons there is none) out. Nothing
here installs anything: the caller hands the candidate to the one publishing function, which
validates it like an import and switches the live index.

Each record (one certificate, keyed by its number):
    {"number": "RCF-2026-0001",
     "company": {"siren": "775709702"} | {"slug": "maif"}  (+ "name", "domain" to add one),
     "status": "active" | "suspended" | "withdrawn" | "expired",
     "issued_on": "2026-01-05", "valid_until": "2030-01-04",
     "status_since": "2026-03-01" (required unless active), "scope": "…" (optional)}
A record that repeats what the register already holds is `unchanged`; one that differs is
appended as a new version dated today, so the register keeps what the certifier said before.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from register.certificate_records import (
    journal_value,
    number_problem,
    stated_version,
    text_problem,
)
from register.model import luhn_valid, number_key
from register.record_checks import DOMAIN_RE, SIREN_RE, SLUG_RE
from register.slugs import slugify

RECORD_FIELDS = ("number", "company", "status", "issued_on", "valid_until", "status_since",
                 "scope")  # fmt: skip
COMPANY_FIELDS = ("siren", "slug", "name", "domain")
NAME_MAX = 200
# What a version states; a record whose statement equals the latest version's is unchanged.
STATED = ("status", "issued_on", "valid_until", "status_since", "scope", "issuer")


@dataclass
class CertificateBatch:
    """The outcome of a batch: `errors` empty means `candidate` holds every record applied.

    errors: [{"index": 0-based record index or None for the batch, "field": a dotted path in
    the record or None for the record as a whole, "message": one readable sentence}].
    results: [{"number", "company": slug, "result": "created" | "updated" | "unchanged"}].
    """

    candidate: dict[str, Any] | None
    results: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the candidate differs from the current register (something to publish)."""
        return not self.errors and any(r["result"] != "unchanged" for r in self.results)


def apply_certificates(
    current_raw: dict[str, Any], records: Any, publisher: str, today: dt.date
) -> CertificateBatch:
    """Validate every record, then apply all of them to a copy of `current_raw`, or none."""
    if not isinstance(records, list) or not records:
        message = "must be a non-empty list of certificate records"
        return CertificateBatch(None, errors=[{"index": None, "field": None, "message": message}])
    batch = _Batch(current_raw, publisher, today)
    for index, record in enumerate(records):
        batch.add(index, record)
    if batch.errors:
        return CertificateBatch(None, errors=batch.errors)
    return CertificateBatch(batch.candidate, results=batch.results)


class _Batch:
    """The candidate being built: records are copied before they are changed, so
    `current_raw` is never touched and a 10 000-company register is not deep-copied."""

    def __init__(self, current: dict[str, Any], publisher: str, today: dt.date):
        self.publisher, self.today = publisher, today
        self.candidate = dict(current)
        self.companies: list[dict[str, Any]] = list(current.get("companies") or [])
        self.candidate["companies"] = self.companies
        self.copied: set[int] = set()
        self.by_slug = {r.get("slug"): i for i, r in enumerate(self.companies)}
        self.by_siren = {r.get("siren"): i for i, r in enumerate(self.companies) if r.get("siren")}
        self.by_number = {
            number_key(c["number"]): i
            for i, r in enumerate(self.companies)
            for c in r.get("certificates") or []
        }
        self.sent: dict[str, int] = {}
        self.errors: list[dict[str, Any]] = []
        self.results: list[dict[str, str]] = []

    def add(self, index: int, record: Any) -> None:
        problems: list[tuple[str | None, str]] = []
        if not isinstance(record, dict):
            problems.append((None, "must be an object"))
        else:
            problems += [(name, "unknown field") for name in record if name not in RECORD_FIELDS]
            version = stated_version(record, self.today, problems)
            target = self._company(record.get("company"), problems)
            number = record.get("number")
            if number_problem(number):
                problems.append(("number", str(number_problem(number))))
            else:
                problems += self._number_conflicts(index, number, target)
        if problems:
            self.errors += [{"index": index, "field": f, "message": m} for f, m in problems]
            return
        if not self.errors:  # once a record fails, nothing is applied: stop building
            self._apply(number, target, version)

    def _company(self, value: Any, problems: list) -> int | dict[str, Any] | None:
        """The index of the designated company, or the new record to add, or None."""
        if not isinstance(value, dict):
            problems.append(("company", "must be an object with 'siren' or 'slug'"))
            return None
        problems += [(f"company.{k}", "unknown field") for k in value if k not in COMPANY_FIELDS]
        siren, slug = value.get("siren"), value.get("slug")
        if siren is None and slug is None:
            problems.append(("company", "needs 'siren' or 'slug' to designate the company"))
            return None
        if siren is not None and not (
            isinstance(siren, str) and SIREN_RE.match(siren) and luhn_valid(siren)
        ):
            problems.append(("company.siren", "must be 9 digits with a valid check digit"))
            return None
        if slug is not None and not (isinstance(slug, str) and SLUG_RE.match(slug)):
            problems.append(("company.slug", "must be lower-case letters, digits and hyphens"))
            return None
        found = {self.by_siren.get(siren) if siren else None, self.by_slug.get(slug)} - {None}
        if len(found) > 1 or (siren and slug and found and self._siren_of(found) != siren):
            problems.append(("company", "'siren' and 'slug' designate different companies"))
            return None
        if found:
            return found.pop()
        return self._new_company(value, siren, slug, problems)

    def _siren_of(self, found: set[int]) -> str | None:
        return self.companies[next(iter(found))].get("siren")

    def _new_company(self, value: dict, siren: str | None, slug: str | None, problems: list):
        where = "company.siren" if siren else "company.slug"
        known = f"SIREN {siren}" if siren else f"slug {slug!r}"
        name = value.get("name")
        if name is None:
            problems.append((where, f"no company with {known} in the register; add 'name' (and "
                             "optionally 'domain') to add it"))  # fmt: skip
            return None
        if text_problem(name, NAME_MAX):
            problems.append(("company.name", text_problem(name, NAME_MAX)))
            return None
        slug = slug or slugify(name)
        if not slug:
            problems.append(("company.name", "must contain letters or digits"))
            return None
        if slug in self.by_slug:
            problems.append(("company.name", f"a company with slug {slug!r} is already in the "
                             "register; designate it by its slug or SIREN"))  # fmt: skip
            return None
        domain = value.get("domain")
        if domain is not None and not (
            isinstance(domain, str) and DOMAIN_RE.match(domain.strip().lower())
        ):
            problems.append(("company.domain", "must be a domain name such as example.fr"))
            return None
        return {"slug": slug, "name": name.strip(), "siren": siren,
                "domain": domain.strip().lower() if domain else None}  # fmt: skip

    def _number_conflicts(self, index: int, number: str, target: Any) -> list:
        key = number_key(number)
        if key in self.sent:
            return [("number", f"{number!r} is also in record {self.sent[key]} of this batch")]
        self.sent[key] = index
        holder = self.by_number.get(key)
        if holder is None:
            return []
        if isinstance(target, int) and target != holder or isinstance(target, dict):
            slug = self.companies[holder]["slug"]
            return [("number", f"{number!r} is the certificate of {slug!r} in the register; "
                     "a number cannot move to another company")]  # fmt: skip
        company = self.companies[holder]
        record = next(c for c in company["certificates"] if number_key(c["number"]) == key)
        issuers = {v["issuer"] for v in record["versions"] if _kind(company, v) == "certifier"}
        if issuers - {self.publisher}:
            return [("number", f"{number!r} was published by another certifier "
                     f"({', '.join(sorted(issuers))}); only its issuer may change it")]  # fmt: skip
        return []

    def _apply(self, number: str, target: int | dict[str, Any], version: dict[str, Any]) -> None:
        if isinstance(target, dict):
            target = self._create(target)
        record = self._writable(target)
        source_id = self._source(record)
        version = {**version, "issuer": self.publisher, "published_on": self.today.isoformat(),
                   "source": source_id}  # fmt: skip
        key = number_key(number)
        certificate = next(
            (c for c in record.setdefault("certificates", []) if number_key(c["number"]) == key),
            None,
        )
        if certificate is None:
            record["certificates"].append({"number": number, "versions": [version]})
            self._log(record, None, journal_value(number, version, "certifier"), source_id)
            result = "created"
        else:
            latest = certificate["versions"][-1]
            same = all(latest.get(k) == version[k] for k in STATED)
            if same and _kind(record, latest) == "certifier":
                result = "unchanged"
            else:
                certificate["versions"].append(version)
                before = journal_value(certificate["number"], latest, _kind(record, latest))
                after = journal_value(certificate["number"], version, "certifier")
                self._log(record, before, after, source_id)
                result = "updated"
            number = certificate["number"]
        self.by_number[key] = target
        self.results.append({"number": number, "company": record["slug"], "result": result})

    def _create(self, new: dict[str, Any]) -> int:
        record = {
            "slug": new["slug"],
            "name": new["name"],
            "legal_name": None,
            "aliases": [],
            "domains": [new["domain"]] if new["domain"] else [],
            "siren": new["siren"],
            "certificates": [],
            "scope": None,
            "reviewed_on": None,
            "note": None,
            "history": [],
            "sources": [],
        }
        self.companies.append(record)
        index = len(self.companies) - 1
        self.copied.add(index)
        self.by_slug[record["slug"]] = index
        if record["siren"]:
            self.by_siren[record["siren"]] = index
        source_id = self._source(record, ["name", *[f for f in ("siren", "domains") if record[f]]])
        record["changes"] = [_entry(self.today, "entry", None, record["name"], source_id)]
        return index

    def _writable(self, index: int) -> dict[str, Any]:
        if index not in self.copied:
            self.companies[index] = copy.deepcopy(self.companies[index])
            self.copied.add(index)
        return self.companies[index]

    def _source(self, record: dict[str, Any], identity: tuple | list = ()) -> str:
        """The source a write cites: this certifier's publication of today (one per day).

        Its title has an English twin (register.english) so English pages show no French from
        it; the certifier's name is a name, not French text, and stays unquoted."""
        digest = hashlib.sha256(self.publisher.encode()).hexdigest()[:6]
        source_id = f"certificateur-{slugify(self.publisher)[:40]}-{digest}-{self.today}"
        covers = ["certificates", "status", *identity]
        for source in record["sources"]:
            if source.get("id") == source_id:
                source["covers"] = sorted({*source.get("covers", []), *covers})
                return source_id
        record["sources"].append({
            "id": source_id,
            "kind": "certifier",
            "title": f"Publication de l'organisme certificateur {self.publisher} par l'API du "
            f"registre, le {self.today.isoformat()}",
            "title_en": f"Publication by the certifier {self.publisher} through the register's "
            f"API, on {self.today.isoformat()}",
            "publisher": self.publisher,
            "url": None,
            "file": None,
            "covers": sorted(covers),
            "published": self.today.isoformat(),
        })  # fmt: skip
        return source_id

    def _log(self, record: dict, before: dict | None, after: dict, source_id: str) -> None:
        """The public journal's line for this write (register.changelog)."""
        entry = _entry(self.today, "certificates", before, after, source_id)
        record.setdefault("changes", []).append(entry)


def _kind(record: dict[str, Any], version: dict[str, Any]) -> str | None:
    kinds = (s.get("kind") for s in record["sources"] if s.get("id") == version["source"])
    return next(kinds, None)


def _entry(today: dt.date, name: str, before: Any, after: Any, source: str) -> dict[str, Any]:
    return {"date": today.isoformat(), "field": name, "before": before, "after": after,
            "source": source}  # fmt: skip
