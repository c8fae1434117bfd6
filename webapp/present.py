"""Shapes shared by pages and the JSON API, so both say the same thing about a company."""

from __future__ import annotations

from typing import Any

from flask import url_for

from search_index import Register, Result, SearchOutcome


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
        "read_as": outcome.read_as,
        "verdict": result_json(verdict, register) if verdict else None,
        "results": [result_json(r, register) for r in outcome.results],
        "suggestions": [result_json(r, register) for r in outcome.suggestions],
        "notices": list(outcome.notices),
    }
