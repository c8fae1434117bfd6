"""The words for a certificate record: its status as its issuer states it, and why a finding
that a certificate decided is what it is.

Each date says what it is: the day the certificate was issued, its last valid day, the day a
status took effect, and the day the certifier published the version we show.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from register.certificate_findings import CertificateDecision
from register.model import CertificateVersion
from webapp.wording.dates import long_date

# A certificate's own status, as the issuer (or the company) states it in a version.
VERSION_STATUS_LABELS = {
    "active": _l("en vigueur"),
    "suspended": _l("suspendu"),
    "withdrawn": _l("retiré"),
    "expired": _l("expiré"),
}


def version_summary(version: CertificateVersion) -> str:
    """An earlier version in a list: its stated status and dates."""
    text = _(
        "État : %(status)s, délivré le %(issued)s, valable jusqu'au %(until)s",
        status=VERSION_STATUS_LABELS[version.status],
        issued=long_date(version.issued_on),
        until=long_date(version.valid_until),
    )
    if version.status != "active" and version.status_since:
        text += _(" ; %(status)s depuis le %(since)s", status=VERSION_STATUS_LABELS[version.status],
                  since=long_date(version.status_since))  # fmt: skip
    return text


def published_by(version: CertificateVersion) -> str:
    """Who published this version and when: the certifier's name, or the company's claim."""
    if version.source.kind == "company":
        return _(
            "Envoyé par l'entreprise elle-même, enregistré par la modération le %(day)s",
            day=long_date(version.published_on),
        )
    return _(
        "Publié par %(who)s le %(day)s",
        who=version.published_by or version.issuer,
        day=long_date(version.published_on),
    )


def explanation(decision: CertificateDecision, day: dt.date) -> str:
    """Why a certificate record makes the finding what it is on `day`."""
    version, number = decision.version, decision.certificate.number
    issuer = version.issuer
    if decision.reason == "certificate_in_force":
        return _(
            "Certificat n° %(number)s délivré par %(issuer)s le %(issued)s, en vigueur le "
            "%(day)s d'après l'organisme ; valable jusqu'au %(until)s inclus.",
            number=number,
            issuer=issuer,
            issued=long_date(version.issued_on),
            day=long_date(day),
            until=long_date(version.valid_until),
        )
    if decision.reason == "certificate_status":
        words = {"suspended": _("suspendu"), "withdrawn": _("retiré")}
        return _(
            "Certificat n° %(number)s %(status)s par %(issuer)s depuis le %(since)s.",
            number=number,
            status=words[decision.status],
            issuer=issuer,
            since=long_date(version.status_since or version.issued_on),
        )
    if decision.reason == "certificate_ended":
        return _(
            "Certificat n° %(number)s délivré par %(issuer)s : valable jusqu'au %(until)s, il a "
            "expiré, et aucun certificat plus récent n'est publié.",
            number=number,
            issuer=issuer,
            until=long_date(_ended_on(version)),
        )
    if decision.reason == "claim_in_force":
        return _(
            "Certificat n° %(number)s (organisme indiqué : %(issuer)s) envoyé par l'entreprise "
            "elle-même, valable du %(issued)s au %(until)s d'après elle ; l'organisme ne l'a pas "
            "confirmé.",
            number=number,
            issuer=issuer,
            issued=long_date(version.issued_on),
            until=long_date(version.valid_until),
        )
    return _(
        "Certificat n° %(number)s envoyé par l'entreprise, valable jusqu'au %(until)s d'après "
        "elle : cette date est passée et aucun certificat plus récent n'est publié.",
        number=number,
        until=long_date(version.valid_until),
    )


def _ended_on(version: CertificateVersion) -> dt.date:
    """The last valid day: an expiry stated before the planned end brings it forward."""
    if version.status == "expired" and version.status_since:
        return min(version.valid_until, version.status_since - dt.timedelta(days=1))
    return version.valid_until
