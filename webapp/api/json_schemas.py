"""JSON Schema 2020-12 of every JSON shape the site serves, for the OpenAPI document.

Kept apart from the paths so each file stays readable; webapp.api.openapi is the only user.
The register's own shapes (records, sources, the whole file, the journal) are in
webapp.api.register_schemas; this module adds the answers the site derives from them
(findings, companies, search outcomes), the label guide and oEmbed, and gathers them all.
"""

from __future__ import annotations

from typing import Any

from register import BASES, REASONS, STATUSES
from register.label_guide import ASPECTS, LABEL_KINDS, LABEL_SOURCE_KINDS
from register.model import EVENTS, SOURCE_KINDS
from search_index import MATCH_TYPES, OUTCOME_KINDS, READ_AS
from webapp.api.register_schemas import REGISTER_SCHEMAS
from webapp.api.schema_parts import (
    CERTIFICATE_STATEMENT,
    DATE,
    NULLABLE_DATE,
    NULLABLE_TEXT,
    STRINGS,
    object_schema,
    ref,
)

_BOUNDS = object_schema(
    {
        "exact": NULLABLE_DATE,
        "not_before": NULLABLE_DATE,
        "not_after": NULLABLE_DATE,
        "reason": NULLABLE_TEXT,
        "reason_en": NULLABLE_TEXT,
    },
    description="A day known exactly (`exact`) or only within bounds, with the reason.",
)


SCHEMAS: dict[str, Any] = {
    **REGISTER_SCHEMAS,
    "Problem": object_schema(
        {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
        }
    ),
    "DecidingCertificate": object_schema(
        {
            "number": {"type": "string"},
            **CERTIFICATE_STATEMENT,
            "published_by": NULLABLE_TEXT,
            "source": object_schema(
                {"id": {"type": "string"}, "kind": {"enum": list(SOURCE_KINDS)}}
            ),
        },
        description="The certificate version that decided the finding: the issuer's record "
        "(basis `certificate`) or the company's own claim (basis `company`).",
    ),
    "Links": object_schema(
        {
            "html": {"type": "string", "format": "uri"},
            "json": {"type": "string", "format": "uri"},
            "api": {"type": "string", "format": "uri"},
        }
    ),
    "Bounds": _BOUNDS,
    "Evidence": object_schema(
        {
            "event": {"enum": list(EVENTS)},
            "date": ref("Bounds"),
            "recorded_on": NULLABLE_DATE,
            "basis": {"enum": ["certificate", "press"]},
            "sources": {
                "type": "array",
                "items": object_schema(
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
    "Finding": object_schema(
        {
            "as_of": DATE,
            "status": {"enum": list(STATUSES)},
            "basis": {"enum": list(BASES)},
            "reason": {"enum": list(REASONS)},
            "explanation": {"type": "string"},
            "term_end": {
                "oneOf": [
                    {"type": "null"},
                    object_schema({"not_before": NULLABLE_DATE, "not_after": NULLABLE_DATE}),
                ]
            },
            "latest_evidence": NULLABLE_DATE,
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
            object_schema({"identity_to_verify": STRINGS, "links": ref("Links")}),
        ]
    },
    "CompanySummary": object_schema(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "siren": {"type": ["string", "null"]},
            "identity_to_verify": STRINGS,
            "as_of": DATE,
            "status": {"enum": list(STATUSES)},
            "basis": {"enum": list(BASES)},
            "reviewed_on": NULLABLE_DATE,
            "links": ref("Links"),
        }
    ),
    "CompanyList": object_schema(
        {
            "count": {"type": "integer"},
            "companies": {"type": "array", "items": ref("CompanySummary")},
        }
    ),
    "SearchResult": object_schema(
        {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "as_of": NULLABLE_DATE,
            "status": {"enum": [*STATUSES, None]},
            "basis": {"enum": [*BASES, None]},
            "match_type": {"enum": list(MATCH_TYPES)},
            "url": {"type": "string", "format": "uri"},
        }
    ),
    "Reading": object_schema(
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
    "SearchOutcome": object_schema(
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
    "ThisLabelNotice": object_schema(
        {
            "kind": {"const": "this_label"},
            "id": {"type": "string"},
            "label": {"type": "string", "description": "The name this site gives the label"},
            "url": {"type": "string", "format": "uri", "description": "The label page, /label"},
        }
    ),
    "OtherLabelNotice": object_schema(
        {
            "kind": {"const": "other_label"},
            "id": {"type": "string"},
            "label": {"type": "string", "description": "The label's name"},
            "url": {"type": "string", "format": "uri", "description": "Its section of /labels"},
        }
    ),
    "Bilingual": object_schema({"fr": {"type": "string"}, "en": {"type": "string"}}),
    "GuideFact": {
        "allOf": [
            ref("Bilingual"),
            object_schema({"sources": {**STRINGS, "minItems": 1}}),
        ]
    },
    "GuideLabel": object_schema(
        {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"enum": list(LABEL_KINDS)},
            "spellings": STRINGS,
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
                        object_schema(
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
    "LabelGuide": object_schema(
        {
            "schema_version": {"type": "integer"},
            "written_on": DATE,
            "sources": {
                "type": "array",
                "items": object_schema(
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
            "links": object_schema(
                {
                    "html": {"type": "string", "format": "uri"},
                    "json": {"type": "string", "format": "uri"},
                }
            ),
        }
    ),
    "OEmbed": object_schema(
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
}
