"""The OpenAPI 3.1 description of the JSON API and exports: the one place it is written.

Served at /api/v1/openapi.json and rendered for people at /api. Its schemas are JSON
Schema 2020-12, and a test validates live responses against them, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from search_index import MATCH_TYPES, MAX_LIMIT, STATUSES
from search_index.history import AS_OF_STATUSES, REASONS
from search_index.registry import EVENTS, SOURCE_KINDS

_DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties, **extra}


def _json(schema_name: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


_PROBLEM = {
    "description": "A readable error",
    "content": {"application/problem+json": {"schema": _ref("Problem")}},
}
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
    "schema": _DATE,
    "description": "Answer the status on this day (YYYY-MM-DD) from the dated history; "
    "`unknown` with the reason when the history cannot decide.",
}

SCHEMAS: dict[str, Any] = {
    "Problem": _object(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        }
    ),
    "Source": {
        "type": "object",
        "required": ["id", "kind", "title", "covers"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"enum": list(SOURCE_KINDS)},
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "file": {"type": "string"},
            "covers": _STRINGS,
            "note": _NULLABLE_TEXT,
        },
    },
    "HistoryEvent": {
        "type": "object",
        "required": ["date", "event", "source"],
        "properties": {
            "date": _NULLABLE_DATE,
            "event": {"enum": list(EVENTS)},
            "source": {"type": "string", "description": "The id of one of the record's sources"},
            "note": _NULLABLE_TEXT,
        },
    },
    "Certificate": _object(
        {
            "number": _NULLABLE_TEXT,
            "issuer": _NULLABLE_TEXT,
            "issued_on": _NULLABLE_DATE,
            "valid_until": _NULLABLE_DATE,
        }
    ),
    "CompanyRecord": _object(
        {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
            "name": {"type": "string"},
            "legal_name": _NULLABLE_TEXT,
            "aliases": _STRINGS,
            "domains": _STRINGS,
            "siren": {"type": ["string", "null"], "pattern": "^[0-9]{9}$"},
            "status": {"enum": list(STATUSES)},
            "certificate": {"oneOf": [_ref("Certificate"), {"type": "null"}]},
            "scope": _NULLABLE_TEXT,
            "last_checked": _NULLABLE_DATE,
            "note": _NULLABLE_TEXT,
            "history": {"type": "array", "items": _ref("HistoryEvent")},
            "sources": {"type": "array", "items": _ref("Source"), "minItems": 1},
        },
        description="A register entry exactly as reviewed; null means not published.",
    ),
    "Links": _object(
        {
            "html": {"type": "string", "format": "uri"},
            "json": {"type": "string", "format": "uri"},
            "api": {"type": "string", "format": "uri"},
        }
    ),
    "AsOf": _object(
        {
            "date": _DATE,
            "status": {"enum": list(AS_OF_STATUSES)},
            "known": {"type": "boolean"},
            "reason": {"enum": list(REASONS)},
            "explanation": {"type": "string"},
            "event": {
                "oneOf": [
                    {"type": "null"},
                    _object(
                        {
                            "date": _DATE,
                            "event": {"enum": list(EVENTS)},
                            "source": {"type": "string"},
                        }
                    ),
                ]
            },
        }
    ),
    "Company": {
        "allOf": [
            _ref("CompanyRecord"),
            _object({"links": _ref("Links"), "as_of": {"oneOf": [_ref("AsOf"), {"type": "null"}]}}),
        ]
    },
    "CompanySummary": _object(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "siren": {"type": ["string", "null"]},
            "status": {"enum": list(STATUSES)},
            "last_checked": _NULLABLE_DATE,
            "links": _ref("Links"),
        }
    ),
    "CompanyList": _object(
        {
            "count": {"type": "integer"},
            "companies": {"type": "array", "items": _ref("CompanySummary")},
        }
    ),
    "SearchResult": _object(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "status": {"enum": [*STATUSES, None]},
            "match_type": {"enum": list(MATCH_TYPES)},
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "SearchOutcome": _object(
        {
            "query": {"type": "string"},
            "read_as": {"enum": ["empty", "siren", "domain", "text"]},
            "verdict": {"oneOf": [_ref("SearchResult"), {"type": "null"}]},
            "results": {"type": "array", "items": _ref("SearchResult")},
            "suggestions": {"type": "array", "items": _ref("SearchResult")},
            "notices": _STRINGS,
        }
    ),
    "OEmbed": _object(
        {
            "version": {"const": "1.0"},
            "type": {"const": "rich"},
            "title": {"type": "string"},
            "provider_name": {"type": "string"},
            "provider_url": {"type": "string", "format": "uri"},
            "width": {"type": "integer", "minimum": 1},
            "height": {"type": "integer", "minimum": 1},
            "html": {"type": "string", "pattern": "^<iframe "},
        }
    ),
    "Register": _object(
        {
            "schema_version": {"type": "integer"},
            "label": {"type": "string"},
            "companies": {"type": "array", "items": _ref("CompanyRecord")},
        }
    ),
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
    "info": {
        "title": "Vérif Relation Client France",
        "version": "1",
        "description": "Open data on which companies' customer service is reported to hold the "
        "Relation Client France certification, with every record's sources. Free to use, no "
        "key, CORS open to any origin for GET. Errors are application/problem+json.",
    },
    "servers": [{"url": "/"}],
    "paths": {
        "/api/v1/companies": {
            "get": {
                "summary": "List the companies in the register",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "required": False,
                        "schema": {"enum": list(STATUSES)},
                        "description": "Keep only companies with this current status.",
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
                        "description": "A brand name, a domain or URL, or a SIREN/SIRET.",
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
                        "A verdict only for a designating "
                        "match; prefix and fuzzy matches are suggestions",
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
                    "400": {"description": "Bad date"},
                    "404": {"description": "Unknown company"},
                },
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
                        "description": "Columns as in the README; history and sources as JSON",
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
                        "schema": {"enum": ["json"]},
                        "description": "Only json (xml gives 501).",
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
                    "404": {"description": "Not a company page of this site"},
                    "501": {"description": "A format other than json"},
                },
            }
        },
    },
    "components": {"schemas": SCHEMAS},
}
