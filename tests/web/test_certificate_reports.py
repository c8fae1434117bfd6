"""A company sends its own certificate: from "Vous êtes … ? Envoyez votre certificat" to a
moderated claim that reads "reported" (basis company), never "certified", until the certifier
confirms it — on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from reports.store import get_report
from webapp.report_form import guard

NOW = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)
CERTIFICATE = {
    "kind": "certificate",
    "company": "maif",
    "details": "",
    "evidence_url": "https://example.org/certificat-maif.pdf",
    "certificate_number": "RCF-2026-0042",
    "certificate_issuer": "Organisme certificateur de test",
    "certificate_issued_on": "2026-01-05",
    "certificate_valid_until": "2030-01-04",
}


@pytest.fixture
def site(writing_app):
    return writing_app(NOW)


def post(app, **fields):
    with app.test_request_context():
        token = guard.issue_token(NOW.timestamp() - 30)
    return app.test_client().post("/signaler", data={**fields, guard.TOKEN_FIELD: token})


def accept(app, reference: str, source_kind: str) -> tuple[int, str]:
    args = ["reports", "accept", reference, "--title", "Certificat envoyé par l'entreprise",
            "--source-kind", source_kind]  # fmt: skip
    result = app.test_cli_runner().invoke(args=args)
    return result.exit_code, result.output


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_company_page_and_the_configurator_invite_the_company_to_send_it(site):
    client = site[0].test_client()
    link = 'href="/signaler?entreprise=maif&amp;type=certificate"'
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert "Vous êtes MAIF ? Envoyez votre certificat" in page and link in page
    widget = client.get("/widget?q=MAIF").get_data(as_text=True)
    assert "Vous êtes MAIF ? Envoyez votre certificat" in widget and link in widget
    form = client.get("/signaler?entreprise=maif&type=certificate").get_data(as_text=True)
    assert 'value="certificate" checked' in form
    for field in ("certificate_number", "certificate_issuer", "certificate_issued_on",
                  "certificate_valid_until", "evidence_url"):  # fmt: skip
        assert f'name="{field}"' in form


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"certificate_number": "RCF 42"}, "certificate_number", "au moins un chiffre"),
        ({"certificate_issuer": ""}, "certificate_issuer", "qui a délivré le certificat"),
        ({"certificate_issued_on": "5 janvier"}, "certificate_issued_on", "AAAA-MM-JJ"),
        ({"certificate_valid_until": "2025-01-01"}, "certificate_valid_until", "doit suivre"),
        ({"evidence_url": ""}, "evidence", "document"),
        ({"company": "Entreprise Inconnue"}, "company", "pas dans le registre"),
    ],
)
def test_a_bad_certificate_is_refused_field_by_field_with_the_input_kept(
    site, changes, field, words
):
    response = post(site[0], **{**CERTIFICATE, **changes})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    dashed = field.replace("_", "-")
    error = re.search(rf'id="(?:report-)?{dashed}-error" class="field-error">([^<]+)<', body)
    assert error and words in error.group(1), body[body.find("field-error") - 200 :][:600]
    assert body.count('class="field-error"') == 1
    assert 'value="Organisme certificateur de test"' in body or field == "certificate_issuer"


def test_an_accepted_claim_reads_reported_by_the_company_and_the_certifier_makes_it_certified(
    site,
):
    app, registry = site
    response = post(app, **CERTIFICATE)
    assert response.status_code == 303, response.get_data(as_text=True)
    reference = response.headers["Location"].split("?")[0].rsplit("/", 1)[-1]
    stored = get_report(app.extensions["reports_db"], reference)
    assert stored.certificate_claim == {
        "number": "RCF-2026-0042",
        "issuer": "Organisme certificateur de test",
        "issued_on": "2026-01-05",
        "valid_until": "2030-01-04",
    }
    shown = app.test_cli_runner().invoke(args=["reports", "show", reference]).output
    assert "certificate: RCF-2026-0042 by Organisme certificateur de test, issued 2026" in shown
    code, output = accept(app, reference, "press")
    assert code != 0 and "--source-kind certifier, official, company" in output
    code, output = accept(app, reference, "company")
    assert code == 0, output
    client = app.test_client()
    api = client.get("/api/v1/companies/maif").get_json()
    assert (api["status"], api["basis"], api["reason"]) == ("reported", "company", "claim_in_force")
    page = html.unescape(client.get("/entreprises/maif").get_data(as_text=True))
    assert "Certification déclarée par l'entreprise" in page
    assert "RCF-2026-0042" in page and "indiqué par l'entreprise" in page
    assert "CertificationActive" not in page
    confirmed = post(app, **CERTIFICATE)
    reference = confirmed.headers["Location"].split("?")[0].rsplit("/", 1)[-1]
    code, output = accept(app, reference, "certifier")
    assert code == 0, output
    api = client.get("/api/v1/companies/maif").get_json()
    assert (api["status"], api["basis"]) == ("certified", "certificate")
    record = next(r for r in json.loads(registry.read_text())["companies"] if r["slug"] == "maif")
    (certificate,) = record["certificates"]
    assert len(certificate["versions"]) == 2, "the confirmation is a new version"
    claim, confirmation = record["changes"][-2:]
    assert (claim["before"], claim["after"]["basis"]) == (None, "company")
    assert (confirmation["before"]["basis"], confirmation["after"]["basis"]) == (
        "company",
        "certificate",
    )
    journal = html.unescape(client.get("/journal").get_data(as_text=True))
    assert "n° RCF-2026-0042 : en vigueur, délivré le 5 janvier 2026" in journal
    assert journal.count("— déclaré par l'entreprise") == 2, "the claim, and what was confirmed"
