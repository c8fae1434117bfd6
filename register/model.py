"""The register: the only place that reads, validates and models register records.

Everything downstream (index build, web views, exports, import script) works on the
`Register` returned here, so a record that passed validation is trustworthy everywhere.
Validation collects *all* problems before failing: a maintainer fixing a register
wants the whole list, not one error per run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

STATUSES = ("certified", "expired", "suspended", "withdrawn")
EVENTS = ("certified", "renewed", "expired", "suspended", "reinstated", "withdrawn")
SOURCE_KINDS = ("press", "company-register", "official", "certifier")
COVERABLE_FIELDS = (
    "name",
    "legal_name",
    "aliases",
    "domains",
    "siren",
    "status",
    "certificate",
    "scope",
    "history",
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SIREN_RE = re.compile(r"^[0-9]{9}$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class RegisterError(ValueError):
    """A register that must not go live; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    url: str | None
    file: str | None
    covers: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class HistoryEvent:
    date: dt.date | None
    event: str
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Certificate:
    number: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    legal_name: str | None
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    siren: str | None
    status: str
    certificate: Certificate
    scope: str | None
    last_checked: dt.date | None
    note: str | None
    history: tuple[HistoryEvent, ...]
    sources: tuple[Source, ...]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @property
    def status_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if "status" in s.covers)

    @property
    def status_is_reported_only(self) -> bool:
        """True when only press reports back the status: the page must say "reported"."""
        return all(s.kind == "press" for s in self.status_sources)


@dataclass(frozen=True)
class Register:
    companies: tuple[Company, ...]
    digest: str
    raw: dict[str, Any] = field(repr=False, compare=False)

    @cached_property
    def _by_slug(self) -> dict[str, Company]:
        return {c.slug: c for c in self.companies}

    @cached_property
    def _by_siren(self) -> dict[str, Company]:
        return {c.siren: c for c in self.companies if c.siren}

    def get(self, slug: str) -> Company | None:
        return self._by_slug.get(slug)

    def by_siren(self, siren: str) -> Company | None:
        return self._by_siren.get(siren)


def luhn_valid(digits: str) -> bool:
    """SIREN numbers carry a Luhn check digit; a typo in one almost always fails it."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def load_register(path: str | Path) -> Register:
    """Read and validate a register file; raise RegisterError naming file, record and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError([f"{path}: cannot read register ({exc})"]) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegisterError([f"{path}:{exc.lineno}: invalid JSON ({exc.msg})"]) from exc
    return parse_register(raw, origin=str(path))


def parse_register(raw: Any, origin: str = "<register>") -> Register:
    errors: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("companies"), list):
        raise RegisterError([f"{origin}: expected an object with a 'companies' list"])
    companies: list[Company] = []
    seen_slugs: dict[str, int] = {}
    for index, record in enumerate(raw["companies"], start=1):
        where = f"{origin}: record {index}"
        if isinstance(record, dict) and isinstance(record.get("slug"), str):
            where += f" ({record['slug']})"
        checker = _RecordChecker(where, errors)
        company = checker.company(record)
        if company is None:
            continue
        if company.slug in seen_slugs:
            errors.append(f"{where}: field 'slug': duplicate of record {seen_slugs[company.slug]}")
        seen_slugs.setdefault(company.slug, index)
        companies.append(company)
    if errors:
        raise RegisterError(errors)
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(canonical).hexdigest()
    return Register(companies=tuple(companies), digest=digest, raw=raw)


class _RecordChecker:
    """Turns one raw record into a Company, appending readable errors as it goes."""

    def __init__(self, where: str, errors: list[str]):
        self.where = where
        self.errors = errors

    def fail(self, field_name: str, message: str) -> None:
        self.errors.append(f"{self.where}: field '{field_name}': {message}")

    def text(self, record: dict, name: str, required: bool) -> str | None:
        value = record.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "must be a non-empty string or null")
            return None
        return value.strip()

    def date(self, value: Any, name: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(name, f"{value!r} is not an ISO date (YYYY-MM-DD) or null")
        return None

    def strings(self, record: dict, name: str) -> tuple[str, ...]:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(name, "must be a list of non-empty strings")
            return ()
        return tuple(v.strip() for v in value)

    def company(self, record: Any) -> Company | None:
        if not isinstance(record, dict):
            self.errors.append(f"{self.where}: expected an object")
            return None
        slug = self.text(record, "slug", required=True) or ""
        if slug and not SLUG_RE.match(slug):
            self.fail("slug", f"{slug!r} must be lower-case letters, digits and hyphens")
        name = self.text(record, "name", required=True) or ""
        siren = record.get("siren")
        if siren is not None and not (
            isinstance(siren, str) and SIREN_RE.match(siren) and luhn_valid(siren)
        ):
            self.fail("siren", f"{siren!r} is not a 9-digit SIREN with a valid check digit")
            siren = None
        status = record.get("status")
        if status not in STATUSES:
            self.fail("status", f"{status!r} is not one of {', '.join(STATUSES)}")
        domains = self.strings(record, "domains")
        for domain in domains:
            if not DOMAIN_RE.match(domain):
                self.fail("domains", f"{domain!r} is not a lower-case domain name")
        sources = self.sources(record.get("sources"))
        source_ids = {s.id for s in sources}
        history = self.history(record.get("history"), source_ids)
        return Company(
            slug=slug,
            name=name,
            legal_name=self.text(record, "legal_name", required=False),
            aliases=self.strings(record, "aliases"),
            domains=domains,
            siren=siren,
            status=status if status in STATUSES else "",
            certificate=self.certificate(record.get("certificate")),
            scope=self.text(record, "scope", required=False),
            last_checked=self.date(record.get("last_checked"), "last_checked"),
            note=self.text(record, "note", required=False),
            history=history,
            sources=sources,
        )

    def certificate(self, value: Any) -> Certificate:
        if value is None:
            return Certificate()
        if not isinstance(value, dict):
            self.fail("certificate", "must be an object or null")
            return Certificate()
        issued = self.date(value.get("issued_on"), "certificate.issued_on")
        until = self.date(value.get("valid_until"), "certificate.valid_until")
        if issued and until and until < issued:
            self.fail("certificate.valid_until", "is before certificate.issued_on")
        return Certificate(
            number=self.text(value, "number", required=False),
            issuer=self.text(value, "issuer", required=False),
            issued_on=issued,
            valid_until=until,
        )

    def sources(self, value: Any) -> tuple[Source, ...]:
        if not isinstance(value, list) or not value:
            self.fail("sources", "must be a non-empty list: every record needs a source")
            return ()
        sources = []
        for position, raw in enumerate(value, start=1):
            label = f"sources[{position}]"
            if not isinstance(raw, dict):
                self.fail(label, "must be an object")
                continue
            source_id = raw.get("id")
            if not isinstance(source_id, str) or not source_id:
                self.fail(f"{label}.id", "is required")
                continue
            if any(s.id == source_id for s in sources):
                self.fail(f"{label}.id", f"duplicate source id {source_id!r}")
            if raw.get("kind") not in SOURCE_KINDS:
                self.fail(f"{label}.kind", f"must be one of {', '.join(SOURCE_KINDS)}")
            if not raw.get("url") and not raw.get("file"):
                self.fail(label, "needs a 'url' or a 'file'")
            url = raw.get("url")
            if url and not str(url).startswith(("https://", "http://")):
                self.fail(f"{label}.url", f"{url!r} is not an http(s) URL")
            covers = raw.get("covers")
            if not isinstance(covers, list) or not covers:
                self.fail(f"{label}.covers", "must list the fields this source supports")
                covers = []
            for covered in covers:
                if covered not in COVERABLE_FIELDS:
                    self.fail(f"{label}.covers", f"unknown field {covered!r}")
            sources.append(
                Source(
                    id=source_id,
                    kind=raw.get("kind", ""),
                    title=self.text(raw, "title", required=True) or source_id,
                    url=url or None,
                    file=raw.get("file") or None,
                    covers=tuple(covers),
                    note=raw.get("note"),
                )
            )
        return tuple(sources)

    def history(self, value: Any, source_ids: set[str]) -> tuple[HistoryEvent, ...]:
        if not isinstance(value, list):
            self.fail("history", "must be a list")
            return ()
        events = []
        for position, raw in enumerate(value, start=1):
            label = f"history[{position}]"
            if not isinstance(raw, dict):
                self.fail(label, "must be an object")
                continue
            if raw.get("event") not in EVENTS:
                self.fail(f"{label}.event", f"must be one of {', '.join(EVENTS)}")
            if raw.get("source") not in source_ids:
                self.fail(f"{label}.source", f"{raw.get('source')!r} is not a listed source id")
            events.append(
                HistoryEvent(
                    date=self.date(raw.get("date"), f"{label}.date"),
                    event=raw.get("event", ""),
                    source=raw.get("source", ""),
                    note=raw.get("note"),
                )
            )
        return tuple(events)
