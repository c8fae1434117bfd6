"""API v1: companies, CORS, problem+json, and conformance to its OpenAPI document."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from tests.support.bundled_register import DATED_ONLY, NAMED_BY_THE_AFRC
from tests.support.openapi import matches_openapi
from webapp.api.openapi import OPENAPI, in_english


def test_openapi_document_is_served_and_is_openapi_3_1(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    with app.test_request_context("/api/v1/openapi.json"):
        assert spec["openapi"] == "3.1.0" and spec == in_english()
    Draft202012Validator.check_schema({"$defs": OPENAPI["components"]["schemas"]})


def test_every_api_route_is_in_the_openapi_document(app):
    documented = set(OPENAPI["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi":
            assert re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) in documented, rule.rule


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
        "/journal.json",
        "/oembed?url=http://localhost/entreprises/maif&maxwidth=300",
    ],
)
def test_live_responses_match_the_openapi_schemas(client, path):
    matches_openapi(client, path)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/companies/exemple-fictif-date?date=2025-07-01", "/api/v1/companies?status=certified"],
)
def test_dated_fixture_responses_match_the_openapi_schemas(dated_client, path):
    matches_openapi(dated_client, path)


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
    problem = matches_openapi(client, path, status, "application/problem+json")
    assert problem["status"] == status and problem["detail"]


def test_status_filter_keeps_only_that_status_today(client, bundled_register_raw):
    listed = client.get("/api/v1/companies?status=unconfirmed").get_json()
    assert [c["slug"] for c in listed["companies"]] == [
        c["slug"] for c in bundled_register_raw["companies"]
    ]
    assert {(c["as_of"], c["status"], c["basis"]) for c in listed["companies"]} == {
        ("2026-11-29", "unconfirmed", "press")
    }
    for status in ("certified", "reported", "expired"):
        assert client.get(f"/api/v1/companies?status={status}").get_json() == {
            "count": 0,
            "companies": [],
        }


def test_company_finding_from_dated_history(dated_client):
    answer = dated_client.get("/api/v1/companies/exemple-fictif-date?date=2025-07-01").get_json()
    assert (answer["as_of"], answer["status"], answer["reason"]) == (
        "2025-07-01",
        "expired",
        "event",
    )
    assert [e["date"]["exact"] for e in answer["evidence"]] == [
        "2021-06-15",
        "2025-06-15",
        "2025-09-01",
    ]


@pytest.mark.parametrize(
    ("day", "status", "reason"),
    [
        ("2020-01-01", "not_certified", "label_not_yet"),
        ("2023-01-01", "reported", "within_term"),
        ("2025-09-01", "unconfirmed", "term_may_have_ended"),
        (None, "unconfirmed", "term_ended"),
    ],
)
@pytest.mark.parametrize("route", ["/api/v1/companies/{}", "/entreprises/{}.json"])
def test_required_findings_for_each_company_reported_in_2021_2022_only(
    client, bundled_register_raw, route, day, status, reason
):
    reported = [
        r["slug"] for r in bundled_register_raw["companies"] if r["slug"] not in NAMED_BY_THE_AFRC
    ]
    assert tuple(reported) == DATED_ONLY
    for slug in reported:
        url = route.format(slug) + (f"?date={day}" if day else "")
        answer = client.get(url).get_json()
        assert answer["as_of"] == (day or "2026-11-29")
        assert (answer["status"], answer["reason"]) == (status, reason), url
        if day is None:
            assert answer["term_end"] == {"not_before": "2024-12-01", "not_after": "2026-05-20"}
            assert answer["latest_evidence"] == "2022-05-20" and answer["evidence_is_stale"]
            assert answer["basis"] == "press"
            assert (
                "no later than 20 May 2026, and no renewal is reported"
                in client.get(url + "?lang=en").get_json()["explanation"]
            )
            [evidence] = answer["evidence"]
            assert evidence["date"]["not_after"] == "2022-05-20"
            assert [s["published"]["not_after"] for s in evidence["sources"]] == [
                "2022-05-20",
                None,
            ]


@pytest.mark.parametrize("slug", sorted(NAMED_BY_THE_AFRC))
@pytest.mark.parametrize("route", ["/api/v1/companies/{}", "/entreprises/{}.json"])
def test_an_undated_report_keeps_the_certificate_possibly_in_force(client, route, slug):
    answer = client.get(route.format(slug)).get_json()
    assert (answer["status"], answer["basis"], answer["reason"]) == (
        "unconfirmed",
        "press",
        "report_undated",
    )
    assert answer["term_end"] is None and not answer["evidence_is_stale"]
    assert "date exacte est inconnue" in answer["explanation"]
    assert "peut-être encore en vigueur" in answer["explanation"]
    assert "pris fin" not in answer["explanation"]
    english = client.get(route.format(slug) + "?lang=en").get_json()["explanation"]
    assert "exact date is unknown" in english and "may still be in force" in english
    *earlier, interview = answer["evidence"]
    assert interview["date"]["not_after"] is None
    assert [s["id"] for s in interview["sources"]] == ["gazette-france-afrc"]
    assert interview["sources"][0]["published"]["not_before"] == "2021-06-01"
    if slug in ("edf", "leocare"):
        [press] = earlier
        assert [s["id"] for s in press["sources"]] == ["article-presse-rcf", "sfam-magazine"]
    else:
        assert earlier == []


def test_identity_from_general_knowledge_is_flagged_in_the_api(client):
    maif = client.get("/api/v1/companies/maif").get_json()
    assert maif["identity_to_verify"] == ["legal_name", "siren", "domains"]
    homeserve = client.get("/api/v1/companies/homeserve").get_json()
    assert homeserve["identity_to_verify"] == ["domains"]
    assert homeserve["siren"] == "438424384"


@pytest.mark.parametrize(
    "path", ["/api/v1/companies", "/api/v1/companies/nope", "/api/v1/search?q=edf"]
)
def test_api_get_responses_allow_any_origin(client, path):
    assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"


def test_api_docs_page_is_rendered_by_the_site(client):
    page = client.get("/api").get_data(as_text=True)
    for path, operations in OPENAPI["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}</code>" in page
    assert "/registre.csv" in page and "/flux.atom" in page
    assert "cdn" not in page.lower()
