"""JSON Schema 2020-12 of every JSON shape the site serves, for the OpenAPI document.

Kept apart from the paths so each file stays readable; webapp.api.openapi is the only user.
"""

from __future__ import annotations

from typing import Any

from register import BASES, REASONS, STATUSES
from register.label_guide import ASPECTS, LABEL_KINDS, LABEL_SOURCE_KINDS
from register.model import CERTIFICATE_STATUSES, EVENTS, SOURCE_KINDS
from search_index import MATCH_TYPES, OUTCOME_KINDS, READ_AS

DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}
# An editor's English twin of the French text beside it (register.english); absent if unwritten.
_ENGLISH = {"type": "string", "description": "English twin of the French field it follows"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(
    properties: dict[str, Any], optional: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """An object requiring every one of `properties`, and allowing the `optional` ones."""
    return {
        "type": "object",
        "required": list(properties),
        "properties": {**properties, **(optional or {})},
        **extra,
    }


# A date as stored: exact, or bounds that say why; null when no source dates it.
_STORED_DATE = {
    "oneOf": [
        {"type": "null"},
        DATE,
        {
            "type": "object",
            "required": ["reason"],
            "additionalProperties": False,
            "properties": {
                "not_before": _NULLABLE_DATE,
                "not_after": _NULLABLE_DATE,
                "reason": {"type": "string"},
                "reason_en": _ENGLISH,
            },
        },
    ]
}
_BOUNDS = _object(
    {
        "exact": _NULLABLE_DATE,
        "not_before": _NULLABLE_DATE,
        "not_after": _NULLABLE_DATE,
        "reason": _NULLABLE_TEXT,
        "reason_en": _NULLABLE_TEXT,
    },
    description="A day known exactly (`exact`) or only within bounds, with the reason.",
)


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
            "title_en": _ENGLISH,
            "url": {"type": "string", "format": "uri"},
            "file": {"type": "string"},
            "covers": _STRINGS,
            "note": _NULLABLE_TEXT,
            "note_en": _ENGLISH,
            "published": _STORED_DATE,
            "accessed": _NULLABLE_DATE,
            "to_verify": {
                "type": "boolean",
                "description": "Filled in from general knowledge: confirm before relying on it",
            },
            "publisher": {
                "type": "string",
                "description": "The certifier account that published this through the API",
            },
        },
    },
    "HistoryEvent": {
        "type": "object",
        "required": ["event", "sources"],
        "properties": {
            "event": {"enum": list(EVENTS)},
            "date": _STORED_DATE,
            "sources": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "description": "The ids of every record source reporting this fact",
            },
            "recorded_on": _NULLABLE_DATE,
            "note": _NULLABLE_TEXT,
            "note_en": _ENGLISH,
        },
    },
    "StoredCertificate": _object(
        {
            "number": {"type": "string"},
            "versions": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "status": {"enum": list(CERTIFICATE_STATUSES)},
                        "issued_on": DATE,
                        "valid_until": DATE,
                        "status_since": _NULLABLE_DATE,
                        "scope": _NULLABLE_TEXT,
                        "issuer": {"type": "string"},
                        "published_on": DATE,
                        "source": {"type": "string"},
                    }
                ),
            },
        },
        description="A certificate number and every version published about it, oldest "
        "first: a change is a new version, never an overwrite.",
    ),
    "DecidingCertificate": _object(
        {
            "number": {"type": "string"},
            "status": {"enum": list(CERTIFICATE_STATUSES)},
            "issued_on": DATE,
            "valid_until": DATE,
            "status_since": _NULLABLE_DATE,
            "scope": _NULLABLE_TEXT,
            "issuer": {"type": "string"},
            "published_on": DATE,
            "published_by": _NULLABLE_TEXT,
            "source": _object({"id": {"type": "string"}, "kind": {"enum": list(SOURCE_KINDS)}}),
        },
        description="The certificate version that decided the finding: the issuer's record "
        "(basis `certificate`) or the company's own claim (basis `company`).",
    ),
    "CompanyRecord": _object(
        {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
            "name": {"type": "string"},
            "legal_name": _NULLABLE_TEXT,
            "aliases": _STRINGS,
            "domains": _STRINGS,
            "siren": {"type": ["string", "null"], "pattern": "^[0-9]{9}$"},
            "certificates": {"type": "array", "items": ref("StoredCertificate")},
            "scope": _NULLABLE_TEXT,
            "reviewed_on": _NULLABLE_DATE,
            "note": _NULLABLE_TEXT,
            "history": {"type": "array", "items": ref("HistoryEvent")},
            "sources": {"type": "array", "items": ref("Source"), "minItems": 1},
        },
        optional={"note_en": _ENGLISH},
        description="A register entry exactly as reviewed; null means not published.",
    ),
    "Links": _object(
        {
            "html": {"type": "string", "format": "uri"},
            "json": {"type": "string", "format": "uri"},
            "api": {"type": "string", "format": "uri"},
        }
    ),
    "Bounds": _BOUNDS,
    "Evidence": _object(
        {
            "event": {"enum": list(EVENTS)},
            "date": ref("Bounds"),
            "recorded_on": _NULLABLE_DATE,
            "basis": {"enum": ["certificate", "press"]},
            "sources": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "string"},
                        "kind": {"enum": list(SOURCE_KINDS)},
                        "published": {"oneOf": [ref("Bounds"), {"type": "null"}]},
                    }
                ),
            },
        },
        description="A recorded fact as the finding used it: its date or derived bounds.",
    ),
    "Finding": _object(
        {
            "as_of": DATE,
            "status": {"enum": list(STATUSES)},
            "basis": {"enum": list(BASES)},
            "reason": {"enum": list(REASONS)},
            "explanation": {"type": "string"},
            "term_end": {
                "oneOf": [
                    {"type": "null"},
                    _object({"not_before": _NULLABLE_DATE, "not_after": _NULLABLE_DATE}),
                ]
            },
            "latest_evidence": _NULLABLE_DATE,
            "evidence_is_stale": {"type": "boolean"},
            "evidence": {"type": "array", "items": ref("Evidence")},
            "certificate": {"oneOf": [{"type": "null"}, ref("DecidingCertificate")]},
        },
        description="The status on `as_of`, derived from dated evidence and the label's term.",
    ),
    "Company": {
        "allOf": [
            ref("CompanyRecord"),
            ref("Finding"),
            _object({"identity_to_verify": _STRINGS, "links": ref("Links")}),
        ]
    },
    "CompanySummary": _object(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "siren": {"type": ["string", "null"]},
            "identity_to_verify": _STRINGS,
            "as_of": DATE,
            "status": {"enum": list(STATUSES)},
            "basis": {"enum": list(BASES)},
            "reviewed_on": _NULLABLE_DATE,
            "links": ref("Links"),
        }
    ),
    "CompanyList": _object(
        {
            "count": {"type": "integer"},
            "companies": {"type": "array", "items": ref("CompanySummary")},
        }
    ),
    "SearchResult": _object(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "as_of": _NULLABLE_DATE,
            "status": {"enum": [*STATUSES, None]},
            "basis": {"enum": [*BASES, None]},
            "match_type": {"enum": list(MATCH_TYPES)},
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "Reading": _object(
        {
            "kind": {"enum": list(READ_AS)},
            "understood": {
                "type": "string",
                "description": "What the search went by: folded words, a SIREN or a domain",
            },
            "ignored": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Generic words, articles and elisions set aside",
            },
            "unknown": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Words neither in a name nor generic: they withhold a verdict",
            },
        }
    ),
    "SearchOutcome": _object(
        {
            "query": {"type": "string"},
            "kind": {
                "enum": list(OUTCOME_KINDS),
                "description": "What the search amounts to: `verdict` (one company designated, "
                "see `verdict`), `ambiguous` (several designated, no verdict), `this_label` "
                "(the query names the label this site checks), `other_label` "
                "(the query names another customer-service label), `generic_only` (only "
                "generic words), `partial` (a name spotted among other words, no verdict), "
                "`absent` (not in the register), `empty` (nothing to search).",
            },
            "read_as": ref("Reading"),
            "verdict": {"oneOf": [ref("SearchResult"), {"type": "null"}]},
            "results": {"type": "array", "items": ref("SearchResult")},
            "suggestions": {"type": "array", "items": ref("SearchResult")},
            "notices": {
                "type": "array",
                "items": {
                    "oneOf": [{"type": "string"}, ref("OtherLabelNotice"), ref("ThisLabelNotice")]
                },
                "description": "Words such as `invalid_siren` or `not_a_siren`; an object when "
                "the query names a customer-service label rather than a company: another one "
                "(`other_label`) or the one this site checks (`this_label`).",
            },
        }
    ),
    "ThisLabelNotice": _object(
        {
            "kind": {"const": "this_label"},
            "id": {"type": "string"},
            "label": {"type": "string", "description": "The name this site gives the label"},
            "url": {"type": "string", "format": "uri", "description": "The label page, /label"},
        }
    ),
    "OtherLabelNotice": _object(
        {
            "kind": {"const": "other_label"},
            "id": {"type": "string"},
            "label": {"type": "string", "description": "The label's name"},
            "url": {"type": "string", "format": "uri", "description": "Its section of /labels"},
        }
    ),
    "Bilingual": _object({"fr": {"type": "string"}, "en": {"type": "string"}}),
    "GuideFact": {
        "allOf": [
            ref("Bilingual"),
            _object({"sources": {"type": "array", "items": {"type": "string"}, "minItems": 1}}),
        ]
    },
    "GuideLabel": _object(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"enum": list(LABEL_KINDS)},
            "spellings": _STRINGS,
            "names": {
                "type": "array",
                "items": ref("GuideFact"),
                "description": "Its names and logo, each with its sources, when they differ",
            },
            **{aspect: {"type": "array", "items": ref("GuideFact")} for aspect in ASPECTS},
            "holders": {
                "type": "array",
                "items": {
                    "allOf": [
                        ref("GuideFact"),
                        _object(
                            {
                                "count": {"type": "integer"},
                                "approximate": {
                                    "type": "boolean",
                                    "description": "The source gives an order of magnitude",
                                },
                                "year_from": {"type": "integer"},
                                "year_to": {
                                    "type": ["integer", "null"],
                                    "description": "null: the source's latest date is unknown",
                                },
                            },
                            description="A historical count, true of some time in those years",
                        ),
                    ]
                },
            },
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "LabelGuide": _object(
        {
            "schema_version": {"type": "integer"},
            "written_on": DATE,
            "sources": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "string"},
                        "kind": {"enum": list(LABEL_SOURCE_KINDS)},
                        "publisher": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "published": {
                            "type": ["string", "null"],
                            "pattern": "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$",
                            "description": "The source's own date (year or day); null: undated",
                        },
                        "date_note": {"oneOf": [ref("Bilingual"), {"type": "null"}]},
                    }
                ),
            },
            "labels": {"type": "array", "items": ref("GuideLabel")},
            "links": _object(
                {
                    "html": {"type": "string", "format": "uri"},
                    "json": {"type": "string", "format": "uri"},
                }
            ),
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
    "Journal": _object(
        {
            "changes": {
                "type": "array",
                "items": _object(
                    {
                        "date": DATE,
                        "company": _object(
                            {
                                "slug": {"type": "string"},
                                "name": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            }
                        ),
                        "field": {"type": "string"},
                        "before": {"description": "The field's value before, as stored"},
                        "after": {"description": "Its value after, as stored"},
                        "source": _object(
                            {
                                "id": {"type": "string"},
                                "kind": {"enum": list(SOURCE_KINDS)},
                                "title": {"type": "string"},
                                "url": {"type": ["string", "null"], "format": "uri"},
                            },
                            optional={"title_en": _ENGLISH},
                        ),
                    }
                ),
                "description": "Every accepted correction of the register, newest first",
            }
        }
    ),
    "Register": _object(
        {
            "schema_version": {"type": "integer"},
            "label_rules": {
                "type": "object",
                "required": ["name", "term_years", "exists_from", "sources"],
                "description": "The label's term and earliest possible grant, with sources",
            },
            "companies": {"type": "array", "items": ref("CompanyRecord")},
        }
    ),
}
