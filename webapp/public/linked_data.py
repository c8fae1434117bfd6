"""schema.org JSON-LD for a company page: only what the register states, never a null.

Search engines and newsroom tools read this block as fact, so an unknown certificate date
or number is left out entirely rather than emitted empty or guessed; identity facts from
general knowledge (still to verify) are left out too; and `CertificationActive` is said only
for a certificate an issuer's record shows in force today. The certificate's number, issuer and
dates come only from the issuer's record that decided the finding, never from a company's
own claim.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from register import Company, Finding
from webapp.wording import LABEL_NAME, explanation, status_label

ACTIVE = "https://schema.org/CertificationActive"
INACTIVE = "https://schema.org/CertificationInactive"


def organization_jsonld(company: Company, finding: Finding) -> dict[str, Any]:
    permalink = url_for("public.company", slug=company.slug, _external=True)
    decided = finding.certificate if finding.basis == "certificate" else None
    version = decided.version if decided else None
    unverified = company.identity_to_verify
    certification = _present(
        {
            "@type": "Certification",
            "name": LABEL_NAME,
            "description": f"{status_label(finding.status, finding.basis)}. {explanation(finding)}",
            "certificationStatus": ACTIVE if finding.status == "certified" else None,
            "certificationIdentification": decided.certificate.number if decided else None,
            "issuedBy": {"@type": "Organization", "name": version.issuer} if version else None,
            "validFrom": version.issued_on.isoformat() if version else None,
            "expires": version.valid_until.isoformat() if version else None,
        }
    )
    if finding.status in ("expired", "suspended", "withdrawn"):
        certification["certificationStatus"] = INACTIVE
    return _present(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": f"{permalink}#organisation",
            "name": company.name,
            "legalName": None if "legal_name" in unverified else company.legal_name,
            "alternateName": [a for a in company.aliases if a != company.name] or None,
            "url": f"https://{company.domains[0]}/"
            if company.domains and "domains" not in unverified
            else None,
            "identifier": {"@type": "PropertyValue", "propertyID": "SIREN", "value": company.siren}
            if company.siren and "siren" not in unverified
            else None,
            "subjectOf": {"@type": "WebPage", "url": permalink},
            "hasCertification": certification,
        }
    )


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
