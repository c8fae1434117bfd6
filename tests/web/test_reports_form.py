"""The report form through the real app: validation, abuse guards, receipts, errors."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy.exc import OperationalError

from reports.store import get_report, list_reports
from webapp.report_form import guard
from webapp.report_form.budgets import MEMORY_KEYS, MemoryStore

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)
GOOD = {
    "kind": "withdrawn",
    "company": "MAIF",
    "details": "Le certificateur annonce le retrait du label.",
    "evidence_url": "https://example.org/communique-retrait",
    "email": "lectrice@example.org",
}


@pytest.fixture
def app(make_app, tmp_path):
    app = make_app(
        TESTING=True,
        SECRET_KEY="test-secret",
        DATABASE_URL=f"sqlite:///{tmp_path / 'reports.sqlite3'}",
    )
    app.extensions["reports_clock"] = lambda: NOW
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def token(app, age_seconds: float = 60) -> str:
    with app.test_request_context():
        return guard.issue_token(NOW.timestamp() - age_seconds)


def post(client, app, age_seconds=60, headers=None, **fields):
    data = {**GOOD, guard.TOKEN_FIELD: token(app, age_seconds), **fields}
    return client.post("/signaler", data=data, headers=headers or {})


def field_errors(html: str) -> list[str]:
    return re.findall(r'class="field-error">([^<]+)<', html)


def test_company_page_links_to_the_form_prefilled_with_the_company(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert 'href="/signaler?entreprise=maif"' in page
    form = client.get("/signaler?entreprise=maif")
    html = form.get_data(as_text=True)
    assert form.headers["Cache-Control"] == "no-store"
    assert 'name="company" type="text" value="MAIF"' in html
    assert 'value="error" checked' in html


def test_not_found_results_and_label_page_offer_to_request_an_addition(client):
    results = client.get("/recherche?q=Entreprise%20Inconnue").get_data(as_text=True)
    assert "Demander son ajout" in results
    assert "/signaler?type=addition&amp;entreprise=Entreprise+Inconnue" in results
    assert "/signaler?type=addition" in client.get("/label").get_data(as_text=True)
    form = client.get("/signaler?type=addition&entreprise=Entreprise+Inconnue").get_data(
        as_text=True
    )
    assert 'value="addition" checked' in form and 'value="Entreprise Inconnue"' in form


def test_a_good_report_is_stored_and_answered_with_303_to_its_receipt(client, app):
    response = post(client, app)
    assert response.status_code == 303
    reference = response.headers["Location"].split("?")[0].rsplit("/", 1)[-1]
    stored = get_report(app.extensions["reports_db"], reference)
    assert (stored.kind, stored.company_slug, stored.email) == ("withdrawn", "maif", GOOD["email"])
    assert stored.received_at == NOW
    receipt = client.get(response.headers["Location"])
    assert receipt.status_code == 200 and reference in receipt.get_data(as_text=True)
    assert receipt.headers["Cache-Control"] == "no-store"
    assert GOOD["details"] not in receipt.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers and "Set-Cookie" not in receipt.headers


def test_the_receipt_without_javascript_links_back_to_the_registered_company(client, app):
    response = post(client, app)
    location = response.headers["Location"]
    assert location.startswith("/signaler/recu/S-") and location.endswith("?entreprise=maif")
    page = unescape(client.get(location).get_data(as_text=True))
    assert '<a href="/entreprises/maif">Retour à la fiche MAIF</a>' in page
    english = client.get(location + "&lang=en").get_data(as_text=True)
    assert '<a href="/entreprises/maif?lang=en">Back to the MAIF record</a>' in english


def test_the_receipt_links_to_any_public_company_page_named_but_ignores_other_values(client, app):
    """The link is a navigation aid read from the URL, not from the stored report: a slug of
    the register can only lead to a public page; anything else is neither linked nor echoed."""
    reference = post(client, app).headers["Location"].split("?")[0]
    other = client.get(reference + "?entreprise=macif").get_data(as_text=True)
    assert '<a href="/entreprises/macif">Retour à la fiche MACIF</a>' in other
    for crafted in ("inconnue-xyz", "https://evil.example/", "../admin", "<b>maif</b>", ""):
        page = client.get(reference, query_string={"entreprise": crafted}, follow_redirects=True)
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and page.request.path == reference, crafted
        assert "Retour à la fiche" not in body and "entreprise=" not in body, crafted
        assert "evil.example" not in body and "inconnue-xyz" not in body, crafted


def test_a_report_on_a_company_not_registered_gets_a_receipt_url_without_one(client, app):
    response = post(client, app, kind="addition", company="Nouvelle Marque Inconnue")
    assert response.status_code == 303
    assert "?" not in response.headers["Location"]
    assert "Retour à la fiche" not in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_htmx_post_gets_the_receipt_fragment_and_a_pushed_url(client, app):
    response = post(client, app, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Signalement reçu" in html
    assert response.headers["HX-Push-Url"].startswith("/signaler/recu/S-")


def test_each_bad_field_gets_its_own_message_and_the_input_is_kept(client, app):
    response = post(
        client, app, company="Pas Une Entreprise Connue", details="court",
        evidence_url="javascript:alert(1)", email="pas-une-adresse",
    )  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert len(field_errors(html)) == 4
    assert "n'est pas dans le registre" in html
    assert "http:// ou https://" in html
    assert 'value="Pas Une Entreprise Connue"' in html and ">court</textarea>" in html
    assert 'value="javascript:alert(1)"' in html and 'value="pas-une-adresse"' in html
    assert list_reports(app.extensions["reports_db"]) == []


def test_evidence_is_required_for_a_status_change_but_not_for_an_error(client, app):
    refused = post(client, app, evidence_url="")
    assert refused.status_code == 422 and "indiquez son adresse" in refused.get_data(as_text=True)
    assert post(client, app, kind="error", evidence_url="").status_code == 303


def test_an_addition_of_a_company_already_listed_is_refused(client, app):
    response = post(client, app, kind="addition")
    assert response.status_code == 422
    assert "déjà dans le registre" in response.get_data(as_text=True)


def test_htmx_errors_return_only_the_form_fragment(client, app):
    response = post(client, app, details="", headers={"HX-Request": "true"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.startswith('<form id="report-form"') and "<html" not in html


@pytest.mark.parametrize(
    ("age", "problem"),
    [(0, "patientez quelques secondes"), (3 * 86400, "ouvert il y a trop longtemps")],
)
def test_a_form_sent_too_fast_or_too_late_comes_back_with_the_input(client, app, age, problem):
    response = post(client, app, age_seconds=age)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and problem in html
    assert GOOD["details"] in html and GOOD["evidence_url"] in html
    assert list_reports(app.extensions["reports_db"]) == []


def test_a_forged_timestamp_is_refused(client, app):
    forged = f"{int(NOW.timestamp()) - 60}.{'0' * 64}"
    response = client.post("/signaler", data={**GOOD, guard.TOKEN_FIELD: forged})
    assert response.status_code == 422
    assert "n'a pas été servi par ce site" in response.get_data(as_text=True)


def test_the_honeypot_refuses_the_report(client, app):
    response = post(client, app, **{guard.HONEYPOT: "http://spam.example"})
    assert response.status_code == 422
    assert list_reports(app.extensions["reports_db"]) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
    ],
)
def test_cross_site_posts_get_a_403_page_that_explains(client, app, headers):
    response = post(client, app, headers=headers)
    assert response.status_code == 403
    assert "depuis une page d'un autre site" in response.get_data(as_text=True)
    assert list_reports(app.extensions["reports_db"]) == []


@pytest.mark.parametrize(
    "headers", [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://localhost"}, {}]
)
def test_same_site_posts_are_accepted(client, app, headers):
    assert post(client, app, headers=headers).status_code == 303


def test_an_oversized_body_gets_413(client, app):
    response = post(client, app, details="é" * 20_000)
    assert response.status_code == 413
    assert "Rien n'a été enregistré" in response.get_data(as_text=True)


def test_other_routes_still_refuse_post_and_signaler_refuses_put(client):
    assert client.post("/entreprises/maif").status_code == 405
    refused = client.put("/signaler")
    assert refused.status_code == 405
    assert set(refused.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST"}


def test_database_down_answers_503_saying_nothing_was_saved(client, app, monkeypatch):
    def unavailable(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr("webapp.report_form.add_report", unavailable)
    response = post(client, app)
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "n'a pas été enregistré" in html and GOOD["details"] in html


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://verif@/reports?host=/nonexistent-socket-dir",
        "sqlite:///{tmp}/a-file/reports.sqlite3",
    ],
)
def test_an_unreachable_database_answers_503_and_keeps_the_input(make_app, tmp_path, url):
    (tmp_path / "a-file").write_text("a file where the database's directory should be")
    app = make_app(TESTING=True, SECRET_KEY="s", DATABASE_URL=url.format(tmp=tmp_path))
    app.extensions["reports_clock"] = lambda: NOW
    response = post(app.test_client(), app)
    assert response.status_code == 503
    assert GOOD["details"] in response.get_data(as_text=True)


@pytest.fixture
def budgeted(make_app, tmp_path):
    """Two reports per client and day, three per company, kind and day."""
    app = make_app(
        TESTING=True, SECRET_KEY="s", RATELIMIT_ENABLED=True,
        RATELIMIT_REPORTS_CLIENT="2 per day", RATELIMIT_REPORTS_COMPANY="3 per day",
        DATABASE_URL=f"sqlite:///{tmp_path / 'r.sqlite3'}",
    )  # fmt: skip
    app.extensions["reports_clock"] = lambda: NOW
    return app


def send_from(app, address: str, **fields) -> int:
    data = {**GOOD, guard.TOKEN_FIELD: token(app), **fields}
    return app.test_client().post("/signaler", data=data, environ_base={"REMOTE_ADDR": address})


def test_each_client_has_its_own_daily_budget(budgeted):
    statuses = [send_from(budgeted, "192.0.2.1").status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    refused = send_from(budgeted, "192.0.2.1")
    assert GOOD["details"] in refused.get_data(as_text=True), "the input is kept"
    assert send_from(budgeted, "192.0.2.2").status_code == 303


def test_errors_about_a_company_cannot_silence_its_status_changes(budgeted):
    """The audit spent a company's one budget from 4 addresses; then a real withdrawal got
    429. Budgets are per kind, and a status change with its document has none per company."""
    error = {"kind": "error", "evidence_url": ""}
    sent = [send_from(budgeted, f"192.0.2.{n}", **error).status_code for n in (1, 1, 2, 3)]
    assert sent == [303, 303, 303, 429], "three errors a day about MAIF"
    assert send_from(budgeted, "192.0.2.4", kind="addition", company="Nouvelle Marque",
                     evidence_url="https://example.org/nouvelle").status_code == 303  # fmt: skip
    assert send_from(budgeted, "192.0.2.3").status_code == 303, "a withdrawal, with its document"
    assert [send_from(budgeted, "192.0.2.5").status_code for _ in range(2)] == [303, 303]
    assert len(list_reports(budgeted.extensions["reports_db"], kind="withdrawn")) == 3


def test_an_ipv6_client_is_counted_by_its_64(budgeted):
    same_64 = ["2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:9", "2001:db8:1:2::77"]
    assert [send_from(budgeted, a).status_code for a in same_64] == [303, 303, 429]
    assert send_from(budgeted, "2001:db8:1:3::1").status_code == 303


def test_a_form_token_is_good_for_one_report(client, app):
    data = {**GOOD, guard.TOKEN_FIELD: token(app)}
    statuses = [client.post("/signaler", data=data).status_code for _ in range(10)]
    assert statuses == [303] + [422] * 9
    again = client.post("/signaler", data=data).get_data(as_text=True)
    assert "a déjà servi à envoyer un signalement" in again and GOOD["details"] in again
    assert len(list_reports(app.extensions["reports_db"])) == 1


def test_reports_that_could_not_be_saved_cost_their_sender_nothing(make_app, tmp_path):
    (tmp_path / "a-file").write_text("a file where the database's directory should be")
    broken = f"sqlite:///{tmp_path / 'a-file' / 'r.sqlite3'}"
    app = make_app(TESTING=True, SECRET_KEY="s", RATELIMIT_ENABLED=True,
                   RATELIMIT_REPORTS_CLIENT="2 per day", DATABASE_URL=broken)  # fmt: skip
    app.extensions["reports_clock"] = lambda: NOW
    assert [send_from(app, "192.0.2.9").status_code for _ in range(5)] == [503] * 5


def test_no_database_connection_is_opened_by_create_app(make_app, tmp_path):
    path = tmp_path / "never.sqlite3"
    make_app(DATABASE_URL=f"sqlite:///{path}")
    assert not path.exists()


def test_privacy_notice_under_the_form_and_full_page(client):
    form = client.get("/signaler").get_data(as_text=True)
    assert "effacée 3 mois après la décision" in form
    assert 'href="/confidentialite"' in form
    page = client.get("/confidentialite").get_data(as_text=True)
    assert "CNIL" in page and "adresse IP n'est pas enregistrée" in page


def test_privacy_page_without_a_contact_promises_no_request_it_cannot_answer(client):
    page = unescape(client.get("/confidentialite").get_data(as_text=True))
    assert "en écrivant à l'éditeur" not in page and "Contact :" not in page
    assert "L'éditeur n'a publié aucun contact" in page
    assert "réclamation à la CNIL" in page and 'href="https://www.cnil.fr/"' in page
    form = unescape(client.get("/signaler").get_data(as_text=True))
    assert "Vous pouvez demander à consulter" not in form
    english = unescape(client.get("/confidentialite?lang=en").get_data(as_text=True))
    assert "has published no contact" in english and "Contact:" not in english


def test_privacy_page_names_the_contact_when_one_is_published(app):
    app.config["PUBLISHER_CONTACT"] = "contact@exemple.fr"
    client = app.test_client()
    page = unescape(client.get("/confidentialite").get_data(as_text=True))
    assert "en écrivant à contact@exemple.fr et en citant la référence" in page
    assert "Contact : contact@exemple.fr" in page and "n'a publié aucun contact" not in page
    form = unescape(client.get("/signaler").get_data(as_text=True))
    assert "en écrivant à contact@exemple.fr" in form


@pytest.mark.parametrize("forged", ["²", "①", "²." + "0" * 64, "①②③.abc", "1" * 13 + ".x"])
def test_a_token_of_unicode_digits_is_invalid_not_a_server_error(client, app, forged):
    """str.isdigit() says yes to "²" and "①", which int() refuses: the audit's 500."""
    response = client.post("/signaler", data={**GOOD, guard.TOKEN_FIELD: forged})
    assert response.status_code == 422
    assert "n'a pas été servi par ce site" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("company", "Good \u202eliaf\u202c Shop"),
        ("company", "Shop\r\nS-0000-0000 accepted"),
        ("company", "Shop\u2066x\u2069"),
        ("details", "Le label a été \u202edéripxe\u202c selon la presse."),
        ("details", "Une ligne\x85une autre qui se fait passer pour la suite."),
        ("details", "Séparateur\u2028de ligne Unicode dans la description."),
        ("evidence_url", "https://example.org/\u200fpreuve"),
        ("email", "a@example.org\u202e"),
    ],
)
def test_hidden_characters_are_refused_with_a_readable_message(client, app, field, value):
    fields = {"kind": "addition", "company": "Nouvelle Marque"} if field == "company" else {}
    response = post(client, app, **{**fields, field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "caractère invisible qui changerait l'affichage du texte" in field_errors(html)[0]
    english = post(client, app, headers={"Accept-Language": "en"}, **{**fields, field: value})
    assert "invisible character that would change how the text" in english.get_data(as_text=True)
    assert not list_reports(app.extensions["reports_db"])


def test_line_breaks_and_tabs_in_the_description_are_kept(client, app):
    details = "Première ligne du signalement.\r\n\tSeconde ligne, indentée."
    response = post(client, app, details=details)
    assert response.status_code == 303
    (report,) = list_reports(app.extensions["reports_db"])
    assert report.details == "Première ligne du signalement.\n\tSeconde ligne, indentée."


def test_the_memory_store_forgets_what_has_expired():
    store = MemoryStore()
    for n in range(MEMORY_KEYS + 1):
        assert store.first_use(f"token-{n}", seconds=0)  # expired as soon as counted
    assert store.first_use("one more", seconds=60)
    assert len(store._counts) == 1


def test_the_honeypot_message_names_no_field_and_keeps_the_input(client, app):
    html = post(client, app, **{guard.HONEYPOT: "http://spam.example"}).get_data(as_text=True)
    assert "ne pas remplir" not in html and "vérifiez-la, puis renvoyez" in html
    assert GOOD["details"] in html


def test_the_receipt_links_back_to_the_company_and_promises_no_contact_it_lacks(client, app):
    html = post(client, app, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'href="/entreprises/maif"' in html
    assert "n'a pas publié de contact" in html and "demander où en est" not in html


def test_the_receipt_names_the_contact_when_one_is_published(app):
    app.config["PUBLISHER_CONTACT"] = "contact@exemple.fr"
    html = post(app.test_client(), app, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "en écrivant à contact@exemple.fr" in html
