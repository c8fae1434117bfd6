"""From the company page to an accepted change on the page, the journal and the feed — and a
rejection that leaves no trace in public — on SQLite here, on PostgreSQL in the server tier
(tests/server/test_reports_moderation_postgresql.py)."""

from __future__ import annotations

import datetime as dt
import json
import re

import feedparser
import pytest

from register.untrusted import CONTROL_RE
from reports.store import add_report, get_report
from reports.submission import Submission
from webapp.report_form import guard

NOW = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def site(writing_app):
    return writing_app(NOW)


def send(app, **fields) -> str:
    with app.test_request_context():
        token = guard.issue_token(NOW.timestamp() - 30)
    response = app.test_client().post("/signaler", data={**fields, guard.TOKEN_FIELD: token})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].split("?")[0].rsplit("/", 1)[-1]


def cli(app, *args):
    result = app.test_cli_runner().invoke(args=["reports", *args])
    return result.exit_code, result.output


def test_a_withdrawal_goes_from_the_form_to_the_page_journal_and_feed(site):
    app, registry = site
    reference = send(
        app, kind="withdrawn", company="maif", details="Retrait annoncé par le certificateur.",
        evidence_url="https://example.org/retrait-maif", email="a@example.org",
    )  # fmt: skip
    client = app.test_client()
    assert "Retrait annoncé" not in client.get("/journal").get_data(as_text=True)
    code, listing = cli(app, "list", "--state", "pending")
    assert code == 0 and reference in listing and "withdrawn" in listing
    code, output = cli(
        app, "accept", reference, "--title", "Communiqué du certificateur", "--source-kind",
        "certifier", "--published", "2026-11-20",
    )  # fmt: skip
    assert code == 0, output
    assert f'accepted {reference}: maif status: "unconfirmed" -> "withdrawn"' in output
    record = next(r for r in json.loads(registry.read_text())["companies"] if r["slug"] == "maif")
    assert "status" not in record, "statuses are derived from the dated events"
    source = record["sources"][-1]
    assert record["history"][-1]["event"] == "withdrawn"
    assert record["history"][-1]["sources"] == [source["id"]]
    assert record["history"][-1]["date"]["not_after"] == "2026-11-20", "bounded by publication"
    assert record["history"][-1]["recorded_on"] == "2026-11-30"
    api = client.get("/api/v1/companies/maif").get_json()
    assert (api["status"], api["basis"], api["reason"]) == ("withdrawn", "certificate", "event")
    assert source["url"] == "https://example.org/retrait-maif"
    assert (source["accessed"], source["published"]) == ("2026-11-30", "2026-11-20")
    assert record["changes"] == [
        {"date": "2026-11-30", "field": "status", "before": "unconfirmed", "after": "withdrawn",
         "source": source["id"]}
    ]  # fmt: skip
    page = client.get("/entreprises/maif").get_data(as_text=True)
    corrections = page[page.index('id="modifications"') :]
    assert "Non confirmée" in corrections and "Certification retirée" in corrections
    assert "Communiqué du certificateur" in corrections
    assert "https://example.org/retrait-maif" in corrections
    assert 'href="https://example.org/retrait-maif"' not in corrections, "evidence is text"
    journal = client.get("/journal.json").get_json()["changes"]
    assert [(c["company"]["slug"], c["field"], c["after"]) for c in journal] == [
        ("maif", "status", "withdrawn")
    ]
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    titles = [entry.title for entry in feed.entries]
    assert "MAIF : correction de la fiche (statut)" in titles
    assert get_report(app.extensions["reports_db"], reference).decision == "accepted"
    for public in ("/journal", "/journal.json", "/flux.atom", "/entreprises/maif"):
        body = client.get(public).get_data(as_text=True)
        assert "a@example.org" not in body and reference not in body


def test_a_rejected_report_changes_nothing_public_and_cannot_be_decided_again(site):
    app, registry = site
    before = registry.read_text()
    reference = send(
        app, kind="error", company="Boulanger", details="Le SIREN serait faux selon moi.",
    )  # fmt: skip
    code, output = cli(app, "reject", reference, "--reason", "Aucun document fourni")
    assert (code, output.strip()) == (0, f"rejected {reference}: Aucun document fourni")
    assert registry.read_text() == before
    assert app.test_client().get("/journal.json").get_json() == {"changes": []}
    code, output = cli(app, "accept", reference, "--title", "x", "--set", "siren=null")
    assert code == 1 and "already rejected" in output
    code, shown = cli(app, "show", reference)
    assert "decision:    rejected" in shown and "Aucun document fourni" in shown


def test_an_error_correction_is_validated_like_an_import(site):
    app, registry = site
    reference = send(
        app, kind="error", company="boulanger", details="Le SIREN de la fiche est erroné.",
        evidence_url="https://example.org/sirene",
    )  # fmt: skip
    before = registry.read_text()
    code, output = cli(app, "accept", reference, "--title", "Sirene", "--set", "siren=123456789")
    assert code == 1 and "siren" in output and "check digit" in output.lower()
    assert registry.read_text() == before, "a refused change leaves the register as it was"
    code, output = cli(
        app, "accept", reference, "--title", "Fiche Sirene", "--source-kind", "company-register",
        "--set", 'domains=["boulanger.com", "boulanger.fr"]',
    )  # fmt: skip
    assert code == 0, output
    page = app.test_client().get("/entreprises/boulanger").get_data(as_text=True)
    assert re.search(
        r"boulanger\.com</span> → <span class=\"after\">boulanger\.com, boulanger\.fr", page
    )


def test_an_addition_creates_a_sourced_entry(site):
    app, _ = site
    reference = send(
        app, kind="addition", company="Entreprise Exemple", details="Certifiée en 2026.",
        evidence_url="https://example.org/liste",
    )  # fmt: skip
    code, output = cli(app, "accept", reference, "--title", "Liste publiée", "--source-kind",
                       "official", "--published", "2026-11-25")  # fmt: skip
    assert code == 0, output
    page = app.test_client().get("/entreprises/entreprise-exemple")
    assert page.status_code == 200 and "ajout au registre" in page.get_data(as_text=True)
    raw = app.test_client().get("/registre.json").get_json()
    entry = next(r for r in raw["companies"] if r["slug"] == "entreprise-exemple")
    grant = entry["history"][0]
    assert (grant["event"], grant["date"]["not_after"]) == ("certified", "2026-11-25")
    assert grant["date"]["not_before"] is None, "the grant's real date is not guessed"
    found = app.test_client().get("/api/v1/companies/entreprise-exemple").get_json()
    assert found["basis"] == "certificate", "an official list is issuer-grade evidence"


def test_purge_erases_emails_after_the_retention_period(site):
    app, _ = site
    reference = send(
        app, kind="error", company="edf", details="Le nom légal a changé.", email="b@example.org",
    )  # fmt: skip
    cli(app, "reject", reference, "--reason", "Sans preuve")
    code, output = cli(app, "purge")
    assert code == 0 and output.startswith("erased 0 email address(es)")
    app.extensions["reports_clock"] = lambda: NOW + dt.timedelta(days=95)
    code, output = cli(app, "purge")
    assert code == 0 and output.startswith("erased 1 email address(es)")
    assert get_report(app.extensions["reports_db"], reference).email is None


def test_the_scheduled_purge_runs_the_documented_command():
    from register.paths import PROJECT_ROOT

    deploy = PROJECT_ROOT / "deploy"
    service = (deploy / "reports-purge.service").read_text()
    cron = (deploy / "reports-purge.cron").read_text().splitlines()[-1]
    assert "ExecStart=/srv/verif/.venv/bin/flask --app webapp reports purge" in service
    assert cron.endswith(".venv/bin/flask --app webapp reports purge")
    assert "OnCalendar=daily" in (deploy / "reports-purge.timer").read_text()


def test_a_dry_run_accept_shows_the_diff_and_decides_nothing(site):
    app, registry = site
    reference = send(
        app, kind="withdrawn", company="maif", details="Retrait annoncé par le certificateur.",
        evidence_url="https://example.org/retrait-maif",
    )  # fmt: skip
    before = registry.read_text()
    code, output = cli(app, "accept", reference, "--title", "Communiqué", "--dry-run")
    assert code == 0, output
    assert "~ changed: maif (MAIF)" in output and "Dry run: nothing was written." in output
    assert registry.read_text() == before
    code, shown = cli(app, "show", reference)
    assert "state:       pending" in shown and "decision:" not in shown


def test_list_and_show_print_what_reporters_typed_escaped(site):
    """CR, LF, C1 controls, terminal escapes and bidi overrides in stored text (whatever let
    them in) cannot print a fake line or hide one on the moderator's terminal."""
    app, _ = site
    fake = "\r\nS-FAKE-LINE  2026-11-30 09:30  accepted  error      edf\x85\x1b[2K\u202eevil"
    stored = Submission("addition", None, "Shop" + fake, "Détails" + fake,
                        "https://example.org/\x9b31m", "a@example.org\x1b[8m")  # fmt: skip
    reference = add_report(app.extensions["reports_db"], stored, NOW)
    for command in (("list",), ("show", reference)):
        code, output = cli(app, *command)
        assert code == 0 and not CONTROL_RE.search(output.replace("\n", "")), output
        assert not any(line.startswith("S-FAKE-LINE") for line in output.splitlines())
        assert "\\x0d\\x0aS-FAKE-LINE" in output and "\\u202eevil" in output
