"""A company as data: one JSON shape for the page twin, the API, search and the exports.

The record is the reviewed register entry, unchanged (nulls included: in data, null is the
honest "not published"); around it, the finding for the object's `as_of` day (today unless
`?date=` asks for another), identity fields still to verify, and links.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import url_for

from register import STATUSES, Company, DateBounds, Evidence, Finding, Register
from register.label_guide import CHECKED_LABEL_ID, Label, bundled_guide
from register.model import Certificate, CertificateVersion
from search_index import Result, SearchOutcome
from webapp import clock, query_args
from webapp.served import finding
from webapp.wording import LABEL_NAME, explanation


def requested_day() -> dt.date:
    """`?date=YYYY-MM-DD`, else today; a malformed (or, for programs, empty) date is a 400."""
    return query_args.day("date") or clock.today()


def requested_status() -> str | None:
    """The `?status=` filter of the list, validated against the finding statuses."""
    return query_args.optional_choice("status", STATUSES)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def bounds_json(bounds: DateBounds | None) -> dict[str, str | None] | None:
    return None if bounds is None else bounds.as_json()


def evidence_json(item: Evidence) -> dict[str, Any]:
    return {
        "event": item.event.event,
        "date": bounds_json(item.bounds),
        "recorded_on": _iso(item.event.recorded_on),
        "basis": item.basis,
        "sources": [
            {"id": s.id, "kind": s.kind, "published": bounds_json(s.published)}
            for s in item.sources
        ],
    }


def version_json(version: CertificateVersion) -> dict[str, Any]:
    return {
        "status": version.status,
        "issued_on": version.issued_on.isoformat(),
        "valid_until": version.valid_until.isoformat(),
        "status_since": _iso(version.status_since),
        "scope": version.scope,
        "issuer": version.issuer,
        "published_on": version.published_on.isoformat(),
        "published_by": version.published_by,
        "source": {"id": version.source.id, "kind": version.source.kind},
    }


def certificate_json(certificate: Certificate) -> dict[str, Any]:
    """A certificate record: its number and every version, oldest first."""
    return {
        "number": certificate.number,
        "versions": [version_json(v) for v in certificate.versions],
    }


def decision_json(answer: Finding) -> dict[str, Any] | None:
    """The certificate and the version of it that decided the finding, or None."""
    decided = answer.certificate
    if decided is None:
        return None
    return {"number": decided.certificate.number, **version_json(decided.version)}


def finding_json(answer: Finding) -> dict[str, Any]:
    """The finding's fields, flat on every company object (see the API changelog)."""
    term_end = answer.term_end
    return {
        "as_of": answer.date.isoformat(),
        "status": answer.status,
        "basis": answer.basis,
        "reason": answer.reason,
        "explanation": explanation(answer),
        "term_end": None
        if term_end is None
        else {"not_before": _iso(term_end.earliest), "not_after": _iso(term_end.latest)},
        "latest_evidence": _iso(answer.latest_evidence),
        "evidence_is_stale": answer.evidence_is_stale,
        "evidence": [evidence_json(e) for e in answer.evidence],
        "certificate": decision_json(answer),
    }


def company_links(company: Company) -> dict[str, str]:
    return {
        "html": url_for("public.company", slug=company.slug, _external=True),
        "json": url_for("public.company_json", slug=company.slug, _external=True),
        "api": url_for("api.company", slug=company.slug, _external=True),
    }


def company_json(company: Company, register: Register, day: dt.date) -> dict[str, Any]:
    return {
        **register.record(company.slug),
        **finding_json(finding(company, day)),
        "identity_to_verify": list(company.identity_to_verify),
        "links": company_links(company),
    }


def company_summary_json(company: Company, answer: Finding) -> dict[str, Any]:
    return {
        "slug": company.slug,
        "name": company.name,
        "siren": company.siren,
        "identity_to_verify": list(company.identity_to_verify),
        "as_of": answer.date.isoformat(),
        "status": answer.status,
        "basis": answer.basis,
        "reviewed_on": _iso(company.reviewed_on),
        "links": company_links(company),
    }


def result_json(result: Result, register: Register) -> dict[str, Any]:
    company = register.get(result.slug)
    answer = finding(company) if company else None
    return {
        "slug": result.slug,
        "name": result.name,
        "as_of": answer.date.isoformat() if answer else None,
        "status": answer.status if answer else None,
        "basis": answer.basis if answer else None,
        "match_type": result.match_type,
        "url": url_for("public.company", slug=result.slug, _external=True),
    }


def outcome_json(outcome: SearchOutcome, register: Register) -> dict[str, Any]:
    verdict = outcome.verdict
    return {
        "query": outcome.query,
        "kind": outcome.kind,
        "read_as": {
            "kind": outcome.read_as,
            "understood": outcome.understood,
            "ignored": list(outcome.ignored),
            "unknown": list(outcome.unknown),
        },
        "verdict": result_json(verdict, register) if verdict else None,
        "results": [result_json(r, register) for r in outcome.results],
        "suggestions": [result_json(r, register) for r in outcome.suggestions],
        "notices": notices_json(outcome),
    }


def other_label_notice(label: Label) -> dict[str, str]:
    """The notice for a query that names another label: which one, and where the guide says more."""
    return {
        "kind": "other_label",
        "id": label.id,
        "label": label.name,
        "url": url_for("public.labels", _anchor=label.id, _external=True),
    }


def this_label_notice() -> dict[str, str]:
    """The notice for a query that names the label this site checks: its page, not a company."""
    return {
        "kind": "this_label",
        "id": CHECKED_LABEL_ID,
        "label": LABEL_NAME,
        "url": url_for("public.label", _external=True),
    }


def notices_json(outcome: SearchOutcome) -> list[str | dict[str, str]]:
    """Word-like notices as before; a query naming a label adds an object saying which."""
    notices: list[str | dict[str, str]] = list(outcome.notices)
    if outcome.other_label:
        notices.append(other_label_notice(bundled_guide().get(outcome.other_label)))
    if outcome.this_label:
        notices.append(this_label_notice())
    return notices
