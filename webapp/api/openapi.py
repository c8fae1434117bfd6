"""The OpenAPI 3.1 description of the JSON API and exports: the one place it is written.

Served at /api/v1/openapi.json and rendered for people at /api. Its schemas are JSON
Schema 2020-12, and a test validates live responses against them, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from register import STATUSES
from search_index import MAX_LIMIT
from webapp.api import certificates_openapi
from webapp.api.json_schemas import DATE, SCHEMAS, ref
from webapp.wording import SITE_NAME

CHANGELOG = """Changelog.

- 2026-11-30 (v1, additive except the register record): certificates. A company record's
  single `certificate` object (always null) is replaced by `certificates`, a list of
  `{number, versions}`: each version `{status (active, suspended, withdrawn, expired),
  issued_on, valid_until, status_since, scope, issuer, published_on, source}`, appended,
  never rewritten. `basis` gains `company` (the company's own certificate, sent to us and
  recorded by moderation: `reported` within its stated validity, never `certified`).
  `reason` gains `certificate_in_force`, `certificate_status`, `certificate_ended`,
  `claim_in_force`, `claim_ended`. The finding gains `certificate`: the version that decided
  it (with `number`, `published_by`), or null. `certified` now means an issuer's certificate
  record is active and the day is within [`issued_on`, `valid_until`]; the day after
  `valid_until` reads `expired` without any import. Sources may carry `publisher` (the
  certifier account that published through the API) instead of a `url`. Search: a
  certificate number finds its company (`match_type` and `read_as` `certificate`); a number
  the register does not hold gives the notice `no_certificate` and the outcome `kind`
  `no_certificate`, with no company.
- 2026-11-30 (v1, additive): search outcomes carry `kind`, what the search amounts to:
  `verdict`, `ambiguous`, `this_label` (the query names the label this site checks),
  `other_label`, `generic_only`, `partial`, `absent`, or `empty` for a blank query. It is
  the answer the search page shows, decided in one place;
  before, clients had to work it out from `verdict`, `results` and `notices`.
- 2026-11-29 (v1, breaking, announced here): statuses are derived for a day instead of stored.
  `status` now takes `certified`, `reported`, `unconfirmed`, `expired`, `suspended`,
  `withdrawn`, `not_certified`, on every company object, summary and search result, for its
  `as_of` day (today by default, `?date=` on `/api/v1/companies/{slug}` and
  `/entreprises/{slug}.json`). New fields: `as_of`, `basis`, `reason`, `explanation`,
  `term_end`, `latest_evidence`, `evidence_is_stale`, `evidence`, `identity_to_verify`.
  The `as_of` object and its `known`/`event` fields are gone (the finding replaces them);
  `last_checked` is renamed `reviewed_on` (an editorial review date, not a verification);
  history events cite `sources` (a list) instead of `source`, and their `date` may be
  bounds `{not_before, not_after, reason}`; sources carry `published`, `accessed`,
  `to_verify`; the register file has `label_rules` (term, earliest grant, sources)
  instead of `label`.
"""


def _json(schema_name: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref(schema_name)}},
    }


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


_PROBLEM = _problem("A readable error")
_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The company's permanent identifier, e.g. `maif`.",
}
_DATE_PARAM = {
    "name": "date",
    "in": "query",
    "required": False,
    "schema": DATE,
    "description": "The day the object's finding is for (YYYY-MM-DD); today (Paris) without it. "
    "The answer's `as_of` names the day.",
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
    "info": {
        "title": SITE_NAME,
        "version": "1",
        "description": "Open data on which companies' customer service is reported to hold the "
        "Relation Client France certification, with every record's sources. Free to use, no "
        "key, CORS open to any origin for GET. Errors are application/problem+json. "
        "Certifiers publish certificates with a token (`POST /api/v1/certificates`); anyone "
        "verifies one by its number.\n\n"
        "Every company object carries a finding for its `as_of` day: `status` is `certified` "
        "(an issuer-grade record covers the day), `reported` (only press reports, and the day "
        "is inside the window where the reported certificate was certainly within its term), "
        "`unconfirmed` (reported at some point, but the evidence cannot tell for that day), "
        "`expired`, `suspended`, `withdrawn` (explicit dated events) or `not_certified` (the "
        "label did not exist yet, or no evidence); `basis` is `certificate`, `company` (the "
        "company's own claim), `press` or `none`; "
        "`term_end` bounds the end of the certificate's term; `evidence` lists the dated facts "
        "used.\n\n" + CHANGELOG,
    },
    "servers": [{"url": "/"}],
    "paths": {
        **certificates_openapi.PATHS,
        "/api/v1/companies": {
            "get": {
                "summary": "List the companies in the register",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": list(STATUSES)},
                        "description": "Keep only companies with this status today.",
                    }
                ],
                "responses": {
                    "200": _json("CompanyList", "The companies, in register order"),
                    "400": _PROBLEM,
                },
            }
        },
        "/api/v1/companies/{slug}": {
            "get": {
                "summary": "One company's full record, optionally with its status on a date",
                "parameters": [_SLUG, _DATE_PARAM],
                "responses": {
                    "200": _json("Company", "The record, its links and the as-of answer"),
                    "400": _PROBLEM,
                    "404": _PROBLEM,
                },
            }
        },
        "/api/v1/search": {
            "get": {
                "summary": "Search by name, domain or SIREN",
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "A brand name, alone or in a phrase ('service client "
                        "edf'), a domain or URL, a SIREN/SIRET or a French VAT number.",
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                    },
                ],
                "responses": {
                    "200": _json(
                        "SearchOutcome",
                        "A verdict only for a designating match (siren, domain, exact, "
                        "alias, phrase); partial, prefix and fuzzy matches are suggestions",
                    ),
                    "400": _PROBLEM,
                },
            }
        },
        "/entreprises/{slug}.json": {
            "get": {
                "summary": "The JSON twin of a company page (same shape as the API record)",
                "parameters": [_SLUG, _DATE_PARAM],
                "responses": {
                    "200": _json("Company", "The record"),
                    "400": _problem("Bad date"),
                    "404": _problem("Unknown company"),
                },
            }
        },
        "/labels.json": {
            "get": {
                "summary": "The guide to other customer-service labels: facts, sources, spellings",
                "responses": {"200": _json("LabelGuide", "The guide file as reviewed in git")},
            }
        },
        "/registre.json": {
            "get": {
                "summary": "The whole register as reviewed in git",
                "responses": {
                    "200": _json("Register", "Every record"),
                    "304": {"description": "Unchanged since your ETag/date"},
                },
            }
        },
        "/registre.csv": {
            "get": {
                "summary": "The register as CSV: UTF-8 with BOM, ';' separator, a row per company",
                "responses": {
                    "200": {
                        "description": "Columns as in docs/api.md; history and sources as JSON",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "304": {"description": "Unchanged since your ETag/date"},
                },
            }
        },
        "/flux.atom": {
            "get": {
                "summary": "Atom feed, one entry per history event, with stable tag: IDs",
                "responses": {
                    "200": {
                        "description": "An Atom 1.0 feed",
                        "content": {"application/atom+xml": {"schema": {"type": "string"}}},
                    },
                    "304": {"description": "Unchanged since your ETag/date"},
                },
            }
        },
        "/oembed": {
            "get": {
                "summary": "oEmbed for a company page URL: a rich response framing its card",
                "parameters": [
                    {
                        "name": "url",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "A company page of this site, e.g. /entreprises/maif",
                    },
                    {
                        "name": "format",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": ["json", "xml"]},
                        "description": "json (the default). xml, the other format oEmbed "
                        "defines, is not implemented: 501. Any other value is a 400.",
                    },
                    {
                        "name": "maxwidth",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1},
                    },
                    {
                        "name": "maxheight",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1},
                    },
                ],
                "responses": {
                    "200": _json("OEmbed", "The oEmbed response"),
                    "400": _problem("A format other than json or xml, or a bad maxwidth/height"),
                    "404": _problem("Not a company page of this site"),
                    "501": _problem("format=xml: not implemented"),
                },
            }
        },
    },
    "components": {
        "schemas": {**SCHEMAS, **certificates_openapi.SCHEMAS},
        "securitySchemes": certificates_openapi.SECURITY_SCHEMES,
    },
}
