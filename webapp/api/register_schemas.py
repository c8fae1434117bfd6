"""JSON Schemas of the register as it is stored and published: its records, their sources,
history and certificates, the whole file (/registre.json) and its change log (/journal.json).

One part of the OpenAPI document's schemas (webapp.api.json_schemas gathers them all); these
describe the data as reviewed, where the answers describe what the site derives from it.
"""

from __future__ import annotations

from typing import Any

from register.model import EVENTS, SOURCE_KINDS
from webapp.api.schema_parts import (
    CERTIFICATE_STATEMENT,
    DATE,
    ENGLISH,
    NULLABLE_DATE,
    NULLABLE_TEXT,
    STRINGS,
    object_schema,
    ref,
)

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
                "not_before": NULLABLE_DATE,
                "not_after": NULLABLE_DATE,
                "reason": {"type": "string"},
                "reason_en": ENGLISH,
            },
        },
    ]
}

REGISTER_SCHEMAS: dict[str, Any] = {
    "Source": {
        "type": "object",
        "required": ["id", "kind", "title", "covers"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"enum": list(SOURCE_KINDS)},
            "title": {"type": "string"},
            "title_en": ENGLISH,
            "url": {"type": "string", "format": "uri"},
            "file": {"type": "string"},
            "covers": STRINGS,
            "note": NULLABLE_TEXT,
            "note_en": ENGLISH,
            "published": _STORED_DATE,
            "accessed": NULLABLE_DATE,
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
            "recorded_on": NULLABLE_DATE,
            "note": NULLABLE_TEXT,
            "note_en": ENGLISH,
        },
    },
    "StoredCertificate": object_schema(
        {
            "number": {"type": "string"},
            "versions": {
                "type": "array",
                "minItems": 1,
                "items": object_schema({**CERTIFICATE_STATEMENT, "source": {"type": "string"}}),
            },
        },
        description="A certificate number and every version published about it, oldest "
        "first: a change is a new version, never an overwrite.",
    ),
    "CompanyRecord": object_schema(
        {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
            "name": {"type": "string"},
            "legal_name": NULLABLE_TEXT,
            "aliases": STRINGS,
            "domains": STRINGS,
            "siren": {"type": ["string", "null"], "pattern": "^[0-9]{9}$"},
            "certificates": {"type": "array", "items": ref("StoredCertificate")},
            "scope": NULLABLE_TEXT,
            "reviewed_on": NULLABLE_DATE,
            "note": NULLABLE_TEXT,
            "history": {"type": "array", "items": ref("HistoryEvent")},
            "sources": {"type": "array", "items": ref("Source"), "minItems": 1},
        },
        optional={"note_en": ENGLISH},
        description="A register entry exactly as reviewed; null means not published.",
    ),
    "Journal": object_schema(
        {
            "changes": {
                "type": "array",
                "items": object_schema(
                    {
                        "date": DATE,
                        "company": object_schema(
                            {
                                "slug": {"type": "string"},
                                "name": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            }
                        ),
                        "field": {"type": "string"},
                        "before": {"description": "The field's value before, as stored"},
                        "after": {"description": "Its value after, as stored"},
                        "source": object_schema(
                            {
                                "id": {"type": "string"},
                                "kind": {"enum": list(SOURCE_KINDS)},
                                "title": {"type": "string"},
                                "url": {"type": ["string", "null"], "format": "uri"},
                            },
                            optional={"title_en": ENGLISH},
                        ),
                    }
                ),
                "description": "Every accepted correction of the register, newest first",
            }
        }
    ),
    "Register": object_schema(
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
