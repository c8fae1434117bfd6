"""What a report must contain, checked before anything is stored.

Problems are returned as codes per field, not sentences: the web layer words them in the
reader's language next to the field, and keeps everything the reader typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from register import untrusted
from register.certificate_records import dates_problems, number_problem
from register.dating import parse_date
from reports.tables import COMPANY_LENGTH, DETAILS_LENGTH, EMAIL_LENGTH, URL_LENGTH

STATUS_KINDS = ("renewed", "expired", "suspended", "withdrawn")
# `certificate`: a company sends its own certificate (number, issuer, dates, document).
KINDS = ("error", *STATUS_KINDS, "addition", "certificate")
# The status a company has once a report of this kind is accepted.
STATUS_AFTER = {
    "renewed": "certified",
    "expired": "expired",
    "suspended": "suspended",
    "withdrawn": "withdrawn",
}
DETAILS_MIN = 10
CERTIFICATE_FIELDS = (
    "certificate_number",
    "certificate_issuer",
    "certificate_issued_on",
    "certificate_valid_until",
)
FIELDS = ("kind", "company", "details", "evidence_url", "email", *CERTIFICATE_FIELDS)
ISSUER_LENGTH = 200
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# C0 controls except tab and newlines, DEL, and NUL (PostgreSQL refuses it in text).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Submission:
    kind: str
    company_slug: str | None
    company_name: str
    details: str
    evidence_url: str | None
    email: str | None
    certificate: dict[str, str] | None = None  # kind `certificate`: number, issuer, dates


def evidence_required(kind: str) -> bool:
    """A status or a new entry needs a document; a typo in a name can be checked on the page."""
    return kind != "error"


def clean(value: object) -> str:
    return CONTROL_RE.sub("", value if isinstance(value, str) else "").strip()


def hidden_characters(name: str, value: str) -> bool:
    """Whether a field holds what must never reach a moderator's terminal or a page: a line
    break in a one-line field, C1 controls, Unicode line separators, or bidi controls (U+202E
    "Good \u202eliaf\u202c Shop" reads "Good fail Shop"). Only the description may hold
    line breaks and tabs."""
    if name == "details":
        value = value.replace("\n", "").replace("\t", "")
    return untrusted.CONTROL_RE.search(value) is not None


def validate(
    form: dict[str, str], resolve: Callable[[str], tuple[str, str] | None]
) -> tuple[Submission | None, dict[str, str]]:
    """Check every field; `resolve` maps typed company text to (slug, name) in the register."""
    values = {name: clean(form.get(name)) for name in FIELDS}
    values["details"] = values["details"].replace("\r\n", "\n")  # how browsers send lines
    errors: dict[str, str] = {
        name: "hidden_characters" for name in FIELDS if hidden_characters(name, values[name])
    }
    if errors:
        return None, errors
    kind = values["kind"]
    if kind not in KINDS:
        errors["kind"] = "kind_missing"
    company = values["company"]
    found = resolve(company) if company and len(company) <= COMPANY_LENGTH else None
    if not company:
        errors["company"] = "company_missing"
    elif len(company) > COMPANY_LENGTH:
        errors["company"] = "company_too_long"
    elif kind == "addition" and found:
        errors["company"] = "company_already_listed"
    elif kind in KINDS and kind != "addition" and not found:
        errors["company"] = "company_unknown"
    details = values["details"]
    certificate = _certificate(values, errors) if kind == "certificate" else None
    if len(details) > DETAILS_LENGTH:
        errors["details"] = "details_too_long"
    elif len(details) < DETAILS_MIN and kind != "certificate":  # its fields say it all
        errors["details"] = "details_too_short"
    url = values["evidence_url"]
    if url and (problem := _url_problem(url)):
        errors["evidence_url"] = problem
    elif not url and kind in KINDS and evidence_required(kind):
        errors["evidence_url"] = "evidence_missing"
    email = values["email"]
    if email and (len(email) > EMAIL_LENGTH or not EMAIL_RE.match(email)):
        errors["email"] = "email_invalid"
    if errors:
        return None, errors
    slug, name = found if found else (None, company)
    return Submission(kind, slug, name, details, url or None, email or None, certificate), {}


def _certificate(values: dict[str, str], errors: dict[str, str]) -> dict[str, str] | None:
    """The certificate a company sends: checked as a certifier's record would be."""
    number = values["certificate_number"]
    if number_problem(number):
        errors["certificate_number"] = "certificate_number_invalid"
    issuer = values["certificate_issuer"]
    if not issuer:
        errors["certificate_issuer"] = "certificate_issuer_missing"
    elif len(issuer) > ISSUER_LENGTH or untrusted.CONTROL_RE.search(issuer):
        errors["certificate_issuer"] = "certificate_issuer_invalid"
    days = {}
    for name in ("certificate_issued_on", "certificate_valid_until"):
        try:
            days[name] = parse_date(values[name])
        except ValueError:
            errors[name] = "certificate_date_invalid"
    if len(days) == 2:
        problems = dates_problems("active", days["certificate_issued_on"],
                                  days["certificate_valid_until"], None, None)  # fmt: skip
        if problems:
            errors["certificate_valid_until"] = "certificate_dates_reversed"
    if any(name in errors for name in CERTIFICATE_FIELDS):
        return None
    return {
        "number": number,
        "issuer": issuer,
        "issued_on": values["certificate_issued_on"],
        "valid_until": values["certificate_valid_until"],
    }


def _url_problem(url: str) -> str | None:
    if len(url) > URL_LENGTH:
        return "evidence_too_long"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "evidence_not_http"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "evidence_not_http"
    if any(c.isspace() for c in url):
        return "evidence_not_http"
    return None
