"""Live answers checked against the schema the OpenAPI document declares for them, so the
document cannot drift from what the routes send (used by every test that reads a JSON route)."""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from webapp.api.openapi import OPENAPI


def matches_openapi(
    client, path: str, status: int = 200, mimetype: str = "application/json"
) -> Any:
    """GET `path`, assert its status, type and schema, and return its JSON body."""
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == mimetype
    operation = _operation(path.split("?")[0])
    schema = operation["responses"][str(status)]["content"][mimetype]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": OPENAPI["components"]}, format_checker=FormatChecker()
    )
    errors = [e.message for e in validator.iter_errors(response.get_json())]
    assert not errors, errors
    return response.get_json()


def _operation(path: str) -> dict:
    for template, operations in OPENAPI["paths"].items():
        if re.fullmatch(re.escape(template).replace(r"\{slug\}", "[a-z0-9-]+"), path):
            return operations["get"]
    raise AssertionError(f"{path} is not in the OpenAPI document")
