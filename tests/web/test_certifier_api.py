"""A certifier created on the command line publishes MAIF's certificate through the API: every
surface reads it at once, time moves it, a revoked token is refused and its writes stay public."""

from __future__ import annotations

import datetime as dt
import io
import json
from html import unescape

import feedparser
import pytest

from reports.certifiers import audit_trail
from tests.support.openapi import matches_openapi
from tests.web.conftest import MovingClock

NOW = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)
NUMBER = "RCF-2026-0042"
MAIF = {
    "number": NUMBER,
    "company": {"siren": "775709702"},
    "status": "active",
    "issued_on": "2026-01-15",
    "valid_until": "2027-01-14",
    "scope": "Service client à distance",
}


@pytest.fixture
def limits(request) -> dict:
    return getattr(request, "param", {})


@pytest.fixture
def site(writing_app, limits):
    """SQLite here; tests/server/test_certifier_api_postgresql.py runs these on PostgreSQL."""
    clock = MovingClock(NOW.date())
    app, registry = writing_app(NOW, REGISTER_SYNC_SECONDS=0.0, CLOCK=clock, **limits)
    return app, registry, clock


def certifiers(app, *args: str):
    result = app.test_cli_runner().invoke(args=["certifiers", *args])
    return result.exit_code, result.output


def new_token(app, name: str = "AFNOR Certification") -> str:
    code, output = certifiers(app, "add", name)
    assert code == 0, output
    return output.strip().splitlines()[-1]


def post(app, token: str | None, body, **headers):
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return app.test_client().post("/api/v1/certificates", json=body, headers=headers)


def surfaces(app, number: str = NUMBER) -> dict[str, str]:
    """What each surface says about MAIF today."""
    client = app.test_client()
    return {
        "page": client.get("/entreprises/maif").get_data(as_text=True),
        "search": client.get("/recherche?q=maif").get_data(as_text=True),
        "api": client.get("/api/v1/companies/maif").get_json()["status"],
        "api_search": client.get("/api/v1/search?q=maif").get_json()["verdict"]["status"],
        "badge": client.get("/badge/maif.svg").get_data(as_text=True),
        "card": client.get("/embed/maif").get_data(as_text=True),
        "number": client.get(f"/recherche?q={number}").get_data(as_text=True),
    }


def test_a_certifier_publishes_maif_and_every_surface_reads_it_then_time_and_status_move_it(site):
    app, registry, clock = site
    token = new_token(app)
    answer = post(app, token, {"certificates": [MAIF]})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    created = {"number": NUMBER, "company": "maif", "result": "created"}
    assert answer.get_json() == {"results": [created]}
    now = surfaces(app)
    assert now["api"] == now["api_search"] == "certified"
    for name in ("page", "search", "card"):
        assert "Certifiée" in now[name], name
    assert ">certifiée<" in now["badge"]
    assert NUMBER in now["page"] and "MAIF" in now["number"]
    verification = app.test_client().get(f"/api/v1/certificates/{NUMBER.lower()}")
    assert verification.headers["Access-Control-Allow-Origin"] == "*"
    verified = verification.get_json()
    assert verified["certificate"]["number"] == NUMBER
    assert verified["company"]["slug"] == "maif" and verified["finding"]["status"] == "certified"
    assert [v["status"] for v in verified["history"]] == ["active"]

    again = post(app, token, {"certificates": [MAIF]})
    assert again.get_json()["results"][0]["result"] == "unchanged"

    clock.day = dt.date(2027, 1, 15)  # the day after valid_until, with no import
    later = surfaces(app)
    assert later["api"] == "expired" and "Certification expirée" in later["page"]
    assert "Certification expirée" in later["card"] and "expiré" in later["badge"]

    clock.day = NOW.date()
    suspended = {**MAIF, "status": "suspended", "status_since": "2026-11-30"}
    answer = post(app, token, {"certificates": [suspended]})
    assert answer.get_json()["results"][0]["result"] == "updated"
    assert surfaces(app)["api"] == "suspended"
    assert "Certification suspendue" in surfaces(app)["page"]
    record = next(r for r in json.loads(registry.read_text())["companies"] if r["slug"] == "maif")
    assert [v["status"] for v in record["certificates"][0]["versions"]] == ["active", "suspended"]
    assert [row["result"] for row in audit_trail(app.extensions["reports_db"])] == [
        "applied", "unchanged", "applied",
    ]  # fmt: skip


def test_the_english_page_and_journal_name_the_certifiers_publication_in_english(site):
    app, _registry, _clock = site
    assert post(app, new_token(app), {"certificates": [MAIF]}).status_code == 200
    client = app.test_client()
    english = "Publication by the certifier AFNOR Certification through the register's API, on "
    french = "Publication de l'organisme certificateur AFNOR Certification par l'API du registre"
    for url in ("/entreprises/maif?lang=en", "/journal?lang=en"):
        html = unescape(client.get(url).get_data(as_text=True))
        assert english + "2026-11-30" in html and french not in html, url
    html = unescape(client.get("/entreprises/maif").get_data(as_text=True))
    assert french + ", le 2026-11-30" in html and english not in html
    source = matches_openapi(client, "/journal.json")["changes"][0]["source"]
    assert source["title"].startswith(french) and source["title_en"] == english + "2026-11-30"


def test_a_revoked_token_is_refused_and_its_earlier_writes_stay_marked_in_journal_and_feed(site):
    app, _registry, _clock = site
    token = new_token(app)
    assert post(app, token, {"certificates": [MAIF]}).status_code == 200
    code, output = certifiers(app, "revoke", "AFNOR Certification")
    assert code == 0, output
    refused = post(app, token, {"certificates": [MAIF]})
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert refused.mimetype == "application/problem+json"
    client = app.test_client()
    journal = client.get("/journal").get_data(as_text=True)
    assert "AFNOR Certification" in journal and "révocation du jeton" in journal
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    summaries = " ".join(entry.summary for entry in feed.entries)
    assert "AFNOR Certification" in summaries and "révocation du jeton" in summaries
    assert client.get("/api/v1/companies/maif").get_json()["status"] == "certified"


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500]
)
def test_a_missing_or_unknown_token_gets_401_with_a_bearer_challenge(site, authorization):
    app, registry, _clock = site
    before = registry.read_text()
    headers = {"Authorization": authorization} if authorization else {}
    answer = app.test_client().post(
        "/api/v1/certificates", json={"certificates": [MAIF]}, headers=headers
    )
    assert answer.status_code == 401 and answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert registry.read_text() == before


def test_one_bad_record_refuses_the_whole_batch_listing_it_by_index_and_field(site):
    app, registry, _clock = site
    token = new_token(app)
    before = registry.read_text()
    good = {**MAIF, "number": "RCF-2026-0043"}
    bad = {**MAIF, "valid_until": "2025-01-01"}
    answer = post(app, token, {"certificates": [good, bad]})
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    errors = answer.get_json()["errors"]
    assert errors and {e["index"] for e in errors} == {1}
    assert "valid_until" in {e["field"] for e in errors}
    assert registry.read_text() == before
    assert audit_trail(app.extensions["reports_db"])[-1]["result"] == "refused"


@pytest.mark.parametrize(
    "body", [{}, {"certificates": []}, {"certificates": [MAIF] * 501}, [MAIF], "text"]
)
def test_a_batch_that_is_not_1_to_500_records_is_refused_whole(site, body):
    app, registry, _clock = site
    token = new_token(app)
    answer = post(app, token, body)
    assert answer.status_code == 422
    assert answer.get_json()["errors"][0]["field"] == "certificates"


def test_a_body_over_the_limit_gets_413_even_without_a_content_length_and_no_json_400(site):
    app, _registry, _clock = site
    token = new_token(app)
    app.config["CERTIFICATES_MAX_BYTES"] = 1000
    body = json.dumps({"certificates": [{**MAIF, "scope": "x" * 2000}]}).encode()
    assert post(app, token, None, **{"Content-Type": "application/json"}).status_code == 400
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    assert client.post("/api/v1/certificates", data=body, headers=headers).status_code == 413

    chunked = client.post(
        "/api/v1/certificates",
        input_stream=io.BytesIO(body),
        headers={**headers, "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert chunked.status_code == 413


@pytest.mark.parametrize(
    "limits", [{"RATELIMIT_ENABLED": True, "RATELIMIT_CERTIFICATES": "2 per minute"}], indirect=True
)
def test_each_account_has_its_own_budget_with_retry_after(site):
    app, _registry, _clock = site
    first, second = new_token(app, "Premier"), new_token(app, "Second")
    statuses = [post(app, first, {"certificates": [MAIF]}).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429
    refused = post(app, first, {"certificates": [MAIF]})
    assert int(refused.headers["Retry-After"]) >= 1
    assert post(app, second, {"certificates": [{**MAIF, "number": "RCF-2"}]}).status_code != 429


def test_an_unknown_number_is_a_404_problem(site):
    app, _registry, _clock = site
    answer = app.test_client().get("/api/v1/certificates/RCF-0000")
    assert answer.status_code == 404 and answer.mimetype == "application/problem+json"


def test_the_certifier_command_line_lists_accounts_without_tokens(site):
    app, _registry, _clock = site
    token = new_token(app)
    code, listing = certifiers(app, "list")
    assert code == 0 and "AFNOR Certification" in listing and "never" in listing
    assert token not in listing and "active" in listing
    assert certifiers(app, "add", "AFNOR Certification")[0] != 0
    assert certifiers(app, "revoke", "Personne")[0] != 0
