"""The register's domain model: companies, their dated evidence, and the label's rules.

Everything downstream (findings, index build, web views, exports, import script) works on the
`Register` returned by `load_register`, so a record that passed validation is trustworthy
everywhere. No status is stored: what a company's status was on a day is derived from the
dated evidence and the label's rules (see register.findings), so it can never go stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from register.dating import DateBounds

EVENTS = ("certified", "renewed", "expired", "suspended", "reinstated", "withdrawn")
GRANT_EVENTS = ("certified", "renewed", "reinstated")
# A company register (Sirene) or the company's own legal notice supports identity facts; only
# an issuer's record (the certifier, an official list) is certificate-grade for the status.
SOURCE_KINDS = ("press", "company-register", "company", "official", "certifier")
ISSUER_KINDS = ("official", "certifier")
IDENTITY_FIELDS = ("legal_name", "siren", "domains")
SIRENE_SOURCE_ID = "sirene"  # the source an identity check writes (register.identity)
COVERABLE_FIELDS = (
    "name",
    "legal_name",
    "aliases",
    "domains",
    "siren",
    "status",
    "certificates",
    "scope",
    "history",
    "mention",  # the source names the company and says nothing of its status
)
# A certificate's status as its issuer states it (IAF CertSearch's four).
CERTIFICATE_STATUSES = ("active", "suspended", "withdrawn", "expired")
# Who may back a certificate version: the issuer (certificate-grade) or the company itself
# (its own claim, never more than "reported").
CERTIFICATE_SOURCE_KINDS = ("certifier", "official", "company")


class RegisterError(ValueError):
    """A register that must not go live; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class Source:
    """A document cited by the register, dated when it was published (exactly or within
    bounds) or, for a register consulted online, when it was accessed."""

    id: str
    kind: str
    title: str
    url: str | None
    file: str | None
    covers: tuple[str, ...]
    note: str | None = None
    title_en: str | None = None  # English twins (register.english): None when not written
    note_en: str | None = None
    published: DateBounds | None = None
    accessed: dt.date | None = None
    to_verify: bool = False
    publisher: str | None = None  # the certifier account that published through the API

    @property
    def issuer_grade(self) -> bool:
        return self.kind in ISSUER_KINDS


@dataclass(frozen=True)
class HistoryEvent:
    """One fact (a grant, an expiry…) backed by every source that reports it.

    `date` is the stated date or bounds, None when no source states one (the findings then
    bound it from the sources' publication dates and the label's rules); `recorded_on` is the
    day the fact entered this register, an editorial date of its own.
    """

    event: str
    sources: tuple[str, ...]
    date: DateBounds | None = None
    recorded_on: dt.date | None = None
    note: str | None = None
    note_en: str | None = None

    @property
    def is_grant(self) -> bool:
        return self.event in GRANT_EVENTS


@dataclass(frozen=True)
class Change:
    """An accepted correction of a record: what a field said before and after, on which day,
    on which evidence (one of the record's sources). Appended by moderation, never rewritten;
    `before` and `after` are JSON values as the register stores them (text, a list, null)."""

    position: int  # 1-based place in the record's list: part of a stable feed ID
    date: dt.date
    field: str
    before: Any
    after: Any
    source: Source


@dataclass(frozen=True)
class CertificateVersion:
    """One statement about a certificate, as published on `published_on` by its source.

    Versions are appended, never rewritten: a certifier who changes a certificate (suspends
    it, extends it) adds a version, so the register keeps what was said and when.
    `status_since` is the day the stated status took effect (required unless active).
    """

    status: str
    issued_on: dt.date
    valid_until: dt.date
    status_since: dt.date | None
    scope: str | None
    issuer: str
    published_on: dt.date
    source: Source

    @property
    def issuer_grade(self) -> bool:
        return self.source.issuer_grade

    @property
    def published_by(self) -> str | None:
        """The certifier account that published this version through the API, if any."""
        return self.source.publisher


@dataclass(frozen=True)
class Certificate:
    """A certificate number and every version published about it, oldest first."""

    number: str
    versions: tuple[CertificateVersion, ...]

    @property
    def current(self) -> CertificateVersion:
        return self.versions[-1]

    @property
    def issuer(self) -> str:
        return self.current.issuer

    @property
    def scope(self) -> str | None:
        return self.current.scope


@dataclass(frozen=True)
class LabelRules:
    """What the label's sources say about time: the term of a certificate and since when the
    label can have been granted at all. Data with sources, not constants in code."""

    name: str
    term_years: int
    term_sources: tuple[str, ...]
    exists_from: dt.date
    exists_from_reason: str
    exists_from_sources: tuple[str, ...]
    sources: tuple[Source, ...]
    exists_from_reason_en: str | None = None


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    legal_name: str | None
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    siren: str | None
    certificates: tuple[Certificate, ...]
    scope: str | None
    reviewed_on: dt.date | None
    note: str | None
    history: tuple[HistoryEvent, ...]
    sources: tuple[Source, ...]
    changes: tuple[Change, ...] = ()
    note_en: str | None = None

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @property
    def status_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if "status" in s.covers)

    @property
    def identity_to_verify(self) -> tuple[str, ...]:
        """Identity fields holding a value that only to-verify sources (general knowledge)
        support: every surface showing them must say so."""
        flagged = []
        for name in IDENTITY_FIELDS:
            if not getattr(self, name):
                continue
            backing = [s for s in self.sources if name in s.covers]
            if all(s.to_verify for s in backing):
                flagged.append(name)
        return tuple(flagged)

    @property
    def sirene_checked(self) -> dict[str, dt.date]:
        """Identity fields a Sirene check confirmed, with the day Sirene was consulted: the
        page says "vérifié dans Sirene le …" for them instead of "à vérifier"."""
        check = next((s for s in self.sources if s.id == SIRENE_SOURCE_ID), None)
        if check is None or check.accessed is None or check.to_verify:
            return {}
        return {
            name: check.accessed
            for name in IDENTITY_FIELDS
            if name in check.covers and getattr(self, name)
        }

    @property
    def data_changed_on(self) -> dt.date | None:
        """The latest editorial date of the record: its review or an event's entry."""
        days = [
            self.reviewed_on,
            *(e.recorded_on for e in self.history),
            *(v.published_on for c in self.certificates for v in c.versions),
        ]
        return max((d for d in days if d), default=None)


@dataclass(frozen=True)
class Register:
    companies: tuple[Company, ...]
    label: LabelRules
    raw: dict[str, Any] = field(repr=False, compare=False)

    @cached_property
    def _by_slug(self) -> dict[str, Company]:
        return {c.slug: c for c in self.companies}

    @cached_property
    def _records(self) -> dict[str, dict[str, Any]]:
        return {record["slug"]: record for record in self.raw["companies"]}

    @cached_property
    def _by_siren(self) -> dict[str, Company]:
        return {c.siren: c for c in self.companies if c.siren}

    @cached_property
    def _by_certificate(self) -> dict[str, tuple[Company, Certificate]]:
        return {
            number_key(cert.number): (company, cert)
            for company in self.companies
            for cert in company.certificates
        }

    def get(self, slug: str) -> Company | None:
        return self._by_slug.get(slug)

    def by_siren(self, siren: str) -> Company | None:
        return self._by_siren.get(siren)

    def record(self, slug: str) -> dict[str, Any]:
        """A company's entry exactly as reviewed (every key, nulls included), for the JSON
        twins: the data as published, where the model keeps only what the code reads."""
        return self._records[slug]

    def by_certificate(self, number: str) -> tuple[Company, Certificate] | None:
        """The certificate with this number (however it is spaced or cased) and its holder."""
        return self._by_certificate.get(number_key(number))


def number_key(number: str) -> str:
    """A certificate number as people may type it: "rcf 2026-0001" is RCF-2026-0001. Two
    numbers with the same key are the same certificate, so the register holds one."""
    return "".join(char for char in number.upper() if char.isalnum())


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
