"""A company as data: one JSON shape for the page twin, the API and the register export.

The record itself is the reviewed register entry, unchanged (nulls included: in data,
null is the honest "not published"). Links and the as-of answer are added around it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from register import STATUSES, Company, Register
from register.history import AsOf, status_on, timeline
from register.labels import Label, bundled_guide
from search_index import Result, SearchOutcome
from webapp import args
from webapp.i18n import EVENT_LABELS, STATUS_LABELS

AS_OF_LABELS = {
    **STATUS_LABELS,
    "not_certified": _l("Pas de certification enregistrée"),
    "unknown": _l("Inconnu"),
}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        as_of_label=lambda status: AS_OF_LABELS.get(status, status),
        as_of_explanation=as_of_explanation,
        timeline=timeline,
    )


def requested_as_of(company: Company, blank_is_absent: bool = False) -> AsOf | None:
    """The as-of answer for `?date=`, None without it; a malformed date is a 400."""
    day = args.day("date", blank_is_absent)
    return None if day is None else status_on(company, day)


def requested_status() -> str | None:
    """The `?status=` filter of the list, validated against the register's statuses."""
    return args.optional_choice("status", STATUSES)


def as_of_explanation(answer: AsOf) -> str:
    """Why the answer is what it is, in a sentence a reader can quote."""
    day = format_date(answer.date, format="long")
    if answer.reason == "undated_events":
        return _(
            "Impossible de dire quel était le statut le %(day)s : au moins un événement de "
            "l'historique n'a pas de date publiée, il pourrait se situer avant ou après.",
            day=day,
        )
    if answer.reason == "no_history":
        return _("Impossible de répondre : aucun événement n'est enregistré pour cette fiche.")
    if answer.reason == "after_last_check":
        if answer.last_checked is None:
            return _("Impossible de répondre : la date de dernière vérification n'est pas publiée.")
        return _(
            "Impossible de répondre pour le %(day)s : la fiche a été vérifiée pour la dernière "
            "fois le %(checked)s, un changement postérieur peut ne pas être enregistré.",
            day=day,
            checked=format_date(answer.last_checked, format="long"),
        )
    if answer.reason == "before_first_event":
        return _(
            "Le %(day)s précède le premier événement enregistré : aucune certification connue.",
            day=day,
        )
    return _(
        "D'après l'événement du %(event_day)s (%(event)s).",
        event_day=format_date(answer.event.date, format="long"),
        event=EVENT_LABELS[answer.event.event],
    )


def as_of_json(answer: AsOf) -> dict[str, Any]:
    event = answer.event
    return {
        "date": answer.date.isoformat(),
        "status": answer.status,
        "known": answer.known,
        "reason": answer.reason,
        "explanation": as_of_explanation(answer),
        "event": None
        if event is None
        else {"date": event.date.isoformat(), "event": event.event, "source": event.source},
    }


def company_links(company: Company) -> dict[str, str]:
    return {
        "html": url_for("public.company", slug=company.slug, _external=True),
        "json": url_for("public.company_json", slug=company.slug, _external=True),
        "api": url_for("api.company", slug=company.slug, _external=True),
    }


def raw_record(register: Register, slug: str) -> dict[str, Any]:
    return next(r for r in register.raw["companies"] if r["slug"] == slug)


def company_json(company: Company, register: Register, answer: AsOf | None) -> dict[str, Any]:
    return {
        **raw_record(register, company.slug),
        "links": company_links(company),
        "as_of": None if answer is None else as_of_json(answer),
    }


def company_summary_json(company: Company) -> dict[str, Any]:
    return {
        "slug": company.slug,
        "name": company.name,
        "siren": company.siren,
        "status": company.status,
        "last_checked": company.last_checked.isoformat() if company.last_checked else None,
        "links": company_links(company),
    }


def result_json(result: Result, register: Register) -> dict[str, Any]:
    company = register.get(result.slug)
    return {
        "slug": result.slug,
        "name": result.name,
        "status": company.status if company else None,
        "match_type": result.match_type,
        "url": url_for("public.company", slug=result.slug, _external=True),
    }


def outcome_json(outcome: SearchOutcome, register: Register) -> dict[str, Any]:
    verdict = outcome.verdict
    return {
        "query": outcome.query,
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


def notices_json(outcome: SearchOutcome) -> list[str | dict[str, str]]:
    """Word-like notices as before; a query naming another label adds an object saying which."""
    notices: list[str | dict[str, str]] = list(outcome.notices)
    if outcome.other_label:
        notices.append(other_label_notice(bundled_guide().get(outcome.other_label)))
    return notices
