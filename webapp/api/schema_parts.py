"""The pieces every JSON Schema of the OpenAPI document is built from.

Kept in one place so a date, a nullable text, an English twin or a certificate's statement is
described once and reads the same in the register's shapes (webapp.api.register_schemas), the
answers (webapp.api.json_schemas) and the certificate routes (webapp.api.certificates_openapi).
"""

from __future__ import annotations

from typing import Any

from register.model import CERTIFICATE_STATUSES

DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_TEXT = {"type": ["string", "null"]}
STRINGS = {"type": "array", "items": {"type": "string"}}
# An editor's English twin of the French text beside it (register.english); absent if unwritten.
ENGLISH = {"type": "string", "description": "English twin of the French field it follows"}
# What one version of a certificate states, wherever a version is shown (as stored, as the
# version that decided a finding, as the certificate route's history).
CERTIFICATE_STATEMENT = {
    "status": {"enum": list(CERTIFICATE_STATUSES)},
    "issued_on": DATE,
    "valid_until": DATE,
    "status_since": NULLABLE_DATE,
    "scope": NULLABLE_TEXT,
    "issuer": {"type": "string"},
    "published_on": DATE,
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def object_schema(
    properties: dict[str, Any], optional: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """An object requiring every one of `properties`, and allowing the `optional` ones."""
    return {
        "type": "object",
        "required": list(properties),
        "properties": {**properties, **(optional or {})},
        **extra,
    }
