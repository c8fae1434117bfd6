"""Reading a company's certificate records: each number with its append-only versions.

A record in the register:
    {"number": "RCF-2026-0001",
     "versions": [{"status": "active", "issued_on": "2026-01-05", "valid_until": "2030-01-04",
                   "status_since": null, "scope": "…", "issuer": "…",
                   "published_on": "2026-11-30", "source": "<source id>"}]}
Every version cites one of the record's sources: a `certifier` or `official` one (the issuer's
word, certificate-grade) or a `company` one (the company's own claim). The checks here are the
ones a certifier's batch gets too (register.certificates reads each record's statement with
`stated_version`), so a version that passed either is valid for the other.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from register import untrusted
from register.dating import parse_date
from register.model import (
    CERTIFICATE_SOURCE_KINDS,
    CERTIFICATE_STATUSES,
    Certificate,
    CertificateVersion,
    Source,
    number_key,
)

# Letters, digits and single separators, starting and ending with a letter or digit: what
# certificate numbers look like, and nothing a page or a search box could misread.
NUMBER_RE = re.compile(r"^[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)*$")
NUMBER_MAX = 64
SCOPE_MAX = 500
# No certification runs this long; a later date is a typo (and 9999-12-31 has no next day).
MAX_TERM_DAYS = 366 * 10


def journal_value(number: str, version: dict[str, Any], source_kind: str | None) -> dict[str, Any]:
    """A raw version as the public journal logs it (a `changes` entry's before or after): what
    it states, and whose word it is — `basis` company for the company's own claim."""
    stated = ("status", "issued_on", "valid_until", "status_since")
    basis = "company" if source_kind == "company" else "certificate"
    return {"number": number, **{name: version.get(name) for name in stated}, "basis": basis}


def number_problem(number: Any) -> str | None:
    """Why `number` is not a certificate number, or None."""
    if not isinstance(number, str) or not number:
        return "is required, as text"
    if len(number) > NUMBER_MAX:
        return f"is longer than {NUMBER_MAX} characters"
    if not NUMBER_RE.match(number) or not any(char.isdigit() for char in number):
        return (
            f"{number[:NUMBER_MAX]!r} must be letters and digits (at least one digit), "
            "optionally separated by single - _ . or /"
        )
    return None


def dates_problems(
    status: str,
    issued_on: dt.date | None,
    valid_until: dt.date | None,
    status_since: dt.date | None,
    published_on: dt.date | None,
) -> list[tuple[str, str]]:
    """(field, message) for every inconsistency between a version's dates."""
    problems = []
    if issued_on and valid_until:
        if valid_until < issued_on:
            problems.append(("valid_until", "is before issued_on"))
        elif (valid_until - issued_on).days > MAX_TERM_DAYS:
            problems.append(("valid_until", "is more than ten years after issued_on"))
    if status != "active" and status_since is None:
        problems.append(("status_since", f"is required when the status is {status!r}"))
    if status_since and issued_on and status_since < issued_on:
        problems.append(("status_since", "is before issued_on"))
    if published_on:
        if status_since and status_since > published_on:
            problems.append(("status_since", "is in the future: a status is published once "
                             "it has taken effect"))  # fmt: skip
        if issued_on and issued_on > published_on:
            problems.append(("issued_on", "is in the future: publish a certificate once it is "
                             "issued"))  # fmt: skip
    return problems


class CertificateReader:
    """Turns a record's raw `certificates` list into model objects, through a Checker."""

    def __init__(self, check: Any, sources: tuple[Source, ...]):
        self.check = check
        self.sources = {s.id: s for s in sources}

    def certificates(self, value: Any) -> tuple[Certificate, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.check.fail("certificates", "must be a list")
            return ()
        certificates, keys = [], set()
        for position, raw in enumerate(value, start=1):
            label = f"certificates[{position}]"
            certificate = self.certificate(raw, label)
            if certificate is None:
                continue
            if number_key(certificate.number) in keys:
                self.check.fail(f"{label}.number", f"{certificate.number!r} is listed twice")
            keys.add(number_key(certificate.number))
            certificates.append(certificate)
        return tuple(certificates)

    def certificate(self, raw: Any, label: str) -> Certificate | None:
        if not isinstance(raw, dict) or set(raw) != {"number", "versions"}:
            self.check.fail(label, "must be an object with exactly 'number' and 'versions'")
            return None
        problem = number_problem(raw["number"])
        if problem:
            self.check.fail(f"{label}.number", problem)
            return None
        versions_raw = raw["versions"]
        if not isinstance(versions_raw, list) or not versions_raw:
            self.check.fail(f"{label}.versions", "must be a non-empty list")
            return None
        versions = []
        for position, item in enumerate(versions_raw, start=1):
            version = self.version(item, f"{label}.versions[{position}]")
            if version is None:
                return None
            if versions and version.published_on < versions[-1].published_on:
                self.check.fail(
                    f"{label}.versions[{position}].published_on",
                    "is before the previous version's: versions are appended in order",
                )
            versions.append(version)
        return Certificate(number=raw["number"], versions=tuple(versions))

    def version(self, raw: Any, label: str) -> CertificateVersion | None:
        keys = {"status", "issued_on", "valid_until", "status_since", "scope", "issuer",
                "published_on", "source"}  # fmt: skip
        if not isinstance(raw, dict) or set(raw) != keys:
            self.check.fail(label, f"must be an object with exactly {', '.join(sorted(keys))}")
            return None
        errors_before = len(self.check.errors)
        status = raw["status"]
        if status not in CERTIFICATE_STATUSES:
            self.check.fail(f"{label}.status", f"must be one of {', '.join(CERTIFICATE_STATUSES)}")
        dates = {
            name: self.check.date(raw[name], f"{label}.{name}")
            for name in ("issued_on", "valid_until", "status_since", "published_on")
        }
        for name in ("issued_on", "valid_until", "published_on"):
            if raw[name] is None:
                self.check.fail(f"{label}.{name}", "is required")
        for name, message in dates_problems(status, **dates):
            self.check.fail(f"{label}.{name}", message)
        scope = self.check.text(raw, "scope", required=False, label=f"{label}.scope")
        if scope and len(scope) > SCOPE_MAX:
            self.check.fail(f"{label}.scope", f"is longer than {SCOPE_MAX} characters")
        issuer = self.check.text(raw, "issuer", required=True, label=f"{label}.issuer")
        source = self.sources.get(raw["source"]) if isinstance(raw["source"], str) else None
        if source is None:
            self.check.fail(f"{label}.source", f"{raw['source']!r} is not a listed source id")
        elif source.kind not in CERTIFICATE_SOURCE_KINDS:
            kinds = ", ".join(CERTIFICATE_SOURCE_KINDS)
            self.check.fail(f"{label}.source", f"a certificate is backed by a {kinds} source")
        if len(self.check.errors) > errors_before:
            return None
        assert source is not None and issuer is not None
        return CertificateVersion(
            status=status,
            issued_on=dates["issued_on"],
            valid_until=dates["valid_until"],
            status_since=dates["status_since"],
            scope=scope,
            issuer=issuer,
            published_on=dates["published_on"],
            source=source,
        )


def stated_version(record: dict[str, Any], today: dt.date, problems: list) -> dict[str, Any]:
    """What a certifier's record (register.certificates) states, as a raw version without its
    issuer, publication day and source; each problem appended as (field, message)."""
    status = record.get("status")
    if status not in CERTIFICATE_STATUSES:
        problems.append(("status", f"must be one of {', '.join(CERTIFICATE_STATUSES)}"))
    dates: dict[str, dt.date | None] = {}
    unreadable = len(problems)
    for name in ("issued_on", "valid_until", "status_since"):
        dates[name] = _batch_date(record.get(name), name, problems, required=name != "status_since")
    if status in CERTIFICATE_STATUSES and len(problems) == unreadable:  # dates all readable
        problems += dates_problems(status, **dates, published_on=today)
    scope = record.get("scope")
    if scope is not None and text_problem(scope, SCOPE_MAX):
        problems.append(("scope", text_problem(scope, SCOPE_MAX)))
    return {
        "status": status,
        **{k: v.isoformat() if v else None for k, v in dates.items()},
        "scope": scope.strip() if isinstance(scope, str) else None,
    }


def _batch_date(value: Any, name: str, problems: list, required: bool) -> dt.date | None:
    if value is None:
        if required:
            problems.append((name, "is required"))
        return None
    try:
        return parse_date(value)
    except ValueError:
        problems.append((name, "must be a date written YYYY-MM-DD"))
        return None


def text_problem(value: Any, limit: int) -> str | None:
    """Why `value` is not acceptable text from outside, or None."""
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    if len(value) > limit:
        return f"is longer than {limit} characters"
    if untrusted.CONTROL_RE.search(value):
        return "holds a control character or a bidirectional-text mark"
    return None
