"""What a company's certificate records say about a day: the issuer's word first.

A certificate record states, in its latest version, the certificate's dates and status. On a
day within [issued_on, valid_until] of an active version the certificate is in force; from
`status_since` a suspended or withdrawn one is not; after `valid_until` it has expired. A
version replaces the earlier ones from the day it took effect (its `status_since`; an active
version correcting an active one replaces it entirely; an active one after a suspension, with
no stated day, from the day it was published), so a suspension later lifted still reads
"suspended" on the days it lasted.

Certifier and official versions are certificate-grade; a company's own claim (a `company`
source) is never more than "reported", and only while its stated validity runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from register.model import Certificate, CertificateVersion, Company

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CertificateDecision:
    """The certificate that decides a day, the version that does, and what it makes of it."""

    status: str
    basis: str  # "certificate" or "company"
    reason: str
    certificate: Certificate
    version: CertificateVersion


def decide(company: Company, day: dt.date) -> CertificateDecision | None:
    """The certificate-grade answer for `day`, else a company claim in force, else None."""
    issuer = _states(company, day, issuer_grade=True)
    if issuer:
        in_force = [s for s in issuer if s[0] == "active"]
        if in_force:
            state, cert, version = max(in_force, key=lambda s: s[2].valid_until)
            return CertificateDecision("certified", "certificate", "certificate_in_force",
                                       cert, version)  # fmt: skip
        state, cert, version = max(issuer, key=lambda s: s[2].issued_on)  # the newest speaks
        reason = "certificate_ended" if state == "expired" else "certificate_status"
        return CertificateDecision(state, "certificate", reason, cert, version)
    claims = [s for s in _states(company, day, issuer_grade=False) if s[0] == "active"]
    if claims:
        state, cert, version = max(claims, key=lambda s: s[2].valid_until)
        return CertificateDecision("reported", "company", "claim_in_force", cert, version)
    return None


def lapsed_claim(company: Company, day: dt.date) -> CertificateDecision | None:
    """A company claim past its stated validity on `day`: its own word says no more."""
    lapsed = [s for s in _states(company, day, issuer_grade=False) if s[0] == "expired"]
    if not lapsed:
        return None
    _state, cert, version = max(lapsed, key=lambda s: s[2].valid_until)
    return CertificateDecision("unconfirmed", "company", "claim_ended", cert, version)


def breakpoints(company: Company) -> set[dt.date]:
    """Every day a certificate's state can change: issue, end (the day after valid_until),
    status changes, and the days versions were published."""
    points: set[dt.date] = set()
    for certificate in company.certificates:
        for version in certificate.versions:
            points |= {version.issued_on, version.valid_until + ONE_DAY, version.published_on}
            if version.status_since:
                points.add(version.status_since)
    return points


def published_days(company: Company) -> list[dt.date]:
    return [v.published_on for c in company.certificates for v in c.versions]


def _states(
    company: Company, day: dt.date, issuer_grade: bool
) -> list[tuple[str, Certificate, CertificateVersion]]:
    """Each certificate's state on `day` from the versions of that grade. A certificate the
    issuer has spoken about is read from the issuer's versions only: its word replaces the
    company's claim for that number."""
    states = []
    for certificate in company.certificates:
        issuer_versions = [v for v in certificate.versions if v.issuer_grade]
        versions = issuer_versions if issuer_grade else certificate.versions
        if not issuer_grade and issuer_versions:
            continue
        state = _state_on(versions, day) if versions else None
        if state is not None:
            states.append((state[0], certificate, state[1]))
    return states


def _state_on(
    versions: list[CertificateVersion], day: dt.date
) -> tuple[str, CertificateVersion] | None:
    """The status on `day` per the latest version in effect that day."""
    for position in range(len(versions) - 1, -1, -1):
        if position == 0 or _effective(versions, position) <= day:
            version = versions[position]
            status = _version_status(version, day)
            return (status, version) if status else None
    return None


def _effective(versions: list[CertificateVersion], position: int) -> dt.date:
    version = versions[position]
    if version.status_since:
        return version.status_since
    if version.status == "active" and versions[position - 1].status == "active":
        return version.issued_on
    return version.published_on


def _version_status(version: CertificateVersion, day: dt.date) -> str | None:
    """None before issue; then active until `status_since` (a stated status) or the end."""
    if day < version.issued_on:
        return None
    if version.status == "withdrawn" and version.status_since and day >= version.status_since:
        return "withdrawn"
    if day > version.valid_until:
        return "expired"
    if version.status != "active" and version.status_since and day >= version.status_since:
        return version.status
    return "active"
