"""API v1: companies, CORS, problem+json, and conformance to its OpenAPI document."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from webapp.api.openapi import OPENAPI


def _validate(client, path: str, status: int = 200, mimetype: str = "application/json"):
    """Check a live response against the schema the OpenAPI document declares for it."""
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == mimetype
    template = path.split("?")[0]
    operation = _operation(template)
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


def test_openapi_document_is_served_and_is_openapi_3_1(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0" and spec == OPENAPI
    Draft202012Validator.check_schema({"$defs": OPENAPI["components"]["schemas"]})


def test_every_api_route_is_in_the_openapi_document(app):
    documented = set(OPENAPI["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            assert rule.rule.replace("<slug>", "{slug}") in documented, rule.rule


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/companies",
        "/api/v1/companies?status=certified",
        "/api/v1/companies?status=withdrawn",
        "/api/v1/companies/maif",
        "/api/v1/companies/maif?date=2022-01-01",
        "/api/v1/search?q=maif",
        "/api/v1/search?q=552081317",
        "/api/v1/search?q=boulangerie",
        "/api/v1/search?q=ESCDA",
        "/api/v1/search?q=123456780",
        "/labels.json",
        "/entreprises/edf.json",
        "/registre.json",
        "/oembed?url=http://localhost/entreprises/maif&maxwidth=300",
    ],
)
def test_live_responses_match_the_openapi_schemas(client, path):
    _validate(client, path)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/companies/exemple-fictif-date?date=2025-07-01", "/api/v1/companies?status=certified"],
)
def test_dated_fixture_responses_match_the_openapi_schemas(dated_client, path):
    _validate(dated_client, path)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/companies?status=peut-etre", 400),
        ("/api/v1/companies/inconnue", 404),
        ("/api/v1/companies/maif?date=2022-13-01", 400),
        ("/api/v1/search", 400),
    ],
)
def test_errors_are_problem_json_matching_the_schema(client, path, status):
    problem = _validate(client, path, status, "application/problem+json")
    assert problem["status"] == status and problem["detail"]


def test_status_filter_keeps_only_that_status(client, bundled_register_raw):
    listed = client.get("/api/v1/companies?status=certified").get_json()
    certified = [c["slug"] for c in bundled_register_raw["companies"] if c["status"] == "certified"]
    assert [c["slug"] for c in listed["companies"]] == certified
    assert client.get("/api/v1/companies?status=expired").get_json() == {
        "count": 0,
        "companies": [],
    }


def test_company_as_of_from_dated_history(dated_client):
    answer = dated_client.get("/api/v1/companies/exemple-fictif-date?date=2025-07-01").get_json()
    assert answer["as_of"]["status"] == "expired" and answer["as_of"]["known"] is True
    assert answer["as_of"]["event"] == {
        "date": "2025-06-15",
        "event": "expired",
        "source": "fixture",
    }


def test_company_as_of_for_undated_history_is_unknown(client):
    as_of = client.get("/api/v1/companies/maif?date=2022-01-01").get_json()["as_of"]
    assert (as_of["status"], as_of["known"], as_of["reason"]) == (
        "unknown",
        False,
        "undated_events",
    )
    assert as_of["event"] is None


@pytest.mark.parametrize(
    "path", ["/api/v1/companies", "/api/v1/companies/nope", "/api/v1/search?q=edf"]
)
def test_api_get_responses_allow_any_origin(client, path):
    assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"


def test_api_docs_page_is_rendered_by_the_site(client):
    page = client.get("/api").get_data(as_text=True)
    for path in OPENAPI["paths"]:
        assert f"GET {path}</code>" in page
    assert "/registre.csv" in page and "/flux.atom" in page
    assert "cdn" not in page.lower()
