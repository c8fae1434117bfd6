"""schema.org JSON-LD for a company page: only what the register states, never a null.

Search engines and newsroom tools read this block as fact, so an unknown certificate date
or number is left out entirely rather than emitted empty or guessed.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from register import Company
from webapp.i18n import STATUS_LABELS

LABEL_NAME = "Relation Client France"
ACTIVE = "https://schema.org/CertificationActive"
INACTIVE = "https://schema.org/CertificationInactive"


def organization_jsonld(company: Company) -> dict[str, Any]:
    permalink = url_for("public.company", slug=company.slug, _external=True)
    certificate = company.certificate
    certification = _present(
        {
            "@type": "Certification",
            "name": LABEL_NAME,
            "description": _certification_description(company),
            "certificationStatus": ACTIVE if company.status == "certified" else INACTIVE,
            "certificationIdentification": certificate.number,
            "issuedBy": {"@type": "Organization", "name": certificate.issuer}
            if certificate.issuer
            else None,
            "validFrom": certificate.issued_on.isoformat() if certificate.issued_on else None,
            "expires": certificate.valid_until.isoformat() if certificate.valid_until else None,
        }
    )
    return _present(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": f"{permalink}#organisation",
            "name": company.name,
            "legalName": company.legal_name,
            "alternateName": [a for a in company.aliases if a != company.name] or None,
            "url": f"https://{company.domains[0]}/" if company.domains else None,
            "identifier": {"@type": "PropertyValue", "propertyID": "SIREN", "value": company.siren}
            if company.siren
            else None,
            "subjectOf": {"@type": "WebPage", "url": permalink},
            "hasCertification": certification,
        }
    )


def _certification_description(company: Company) -> str:
    status = str(STATUS_LABELS[company.status])
    if company.status_is_reported_only:
        return _(
            "Service client — %(status)s selon la presse ; aucun certificat (numéro, date, "
            "organisme) n'a été publié.",
            status=status,
        )
    return _("Service client — %(status)s.", status=status)


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
