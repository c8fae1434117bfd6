"""Every route through the real Flask app, over a real index of the bundled register."""

from __future__ import annotations

import pytest

HTMX_ACTIVE_SEARCH = {"HX-Request": "true", "HX-Trigger": "search-input"}


def test_home_has_search_form_explanation_and_company_list(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/recherche"' in page and 'name="q"' in page
    assert 'data-hx-get="/recherche"' in page
    assert "quatre ans" in page
    for name in (
        "Boulanger",
        "Butagaz",
        "Edenred",
        "EDF",
        "HomeServe",
        "Leocare",
        "MACIF",
        "MAIF",
        "O2",
        "Sanofi",
        "Unéo",
    ):
        assert f">{name}</a>" in page


def test_search_page_gives_verdict_for_designating_match(client):
    page = client.get("/recherche?q=www.maif.fr").get_data(as_text=True)
    assert 'class="verdict verdict-unconfirmed"' in page
    assert "Non confirmée" in page and "Certifiée" not in page
    assert "au plus tard le 20 mai 2026, et aucun renouvellement n&#39;est signalé" in page
    assert "<html" in page


def test_search_page_for_look_alike_says_not_in_register(client):
    page = client.get("/recherche?q=maaf").get_data(as_text=True)
    assert "verdict-unconfirmed" not in page
    assert "« maaf » n'est pas dans le registre" in page
    assert "Vouliez-vous dire" in page and ">MAIF</a>" in page
    assert "qualité de son service client" in page


def test_active_search_gets_only_the_fragment_and_varies_on_hx_request(client):
    response = client.get("/recherche?q=edf", headers=HTMX_ACTIVE_SEARCH)
    body = response.get_data(as_text=True)
    assert "<html" not in body and "verdict-unconfirmed" in body
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_and_boosted_requests_get_the_full_page(client):
    restore = {**HTMX_ACTIVE_SEARCH, "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/recherche?q=edf", headers=restore).get_data(as_text=True)
    boosted = {"HX-Request": "true", "HX-Boosted": "true"}
    assert "<html" in client.get("/recherche?q=edf", headers=boosted).get_data(as_text=True)


def test_company_page_shows_status_in_words_and_unpublished_fields(client):
    page = client.get("/entreprises/edf").get_data(as_text=True)
    assert "<h1>EDF</h1>" in page
    assert "Non confirmée" in page and "✓" not in page and "Certifiée" not in page
    assert "552 081 317" in page
    assert "non publié" in page
    assert "SFAM magazine" in page and "refrance.fr" in page
    assert 'href="/label"' in page


def test_company_without_siren_says_not_published(client):
    page = client.get("/entreprises/leocare").get_data(as_text=True)
    assert "<dt>SIREN</dt><dd>non publié</dd>" in page


def test_unknown_company_is_a_404_page_with_a_search_box(client):
    response = client.get("/entreprises/maaf")
    assert response.status_code == 404
    assert 'name="q"' in response.get_data(as_text=True)


def test_label_page_explains_requirements_limits_and_disagreement(client):
    page = client.get("/label").get_data(as_text=True)
    for phrase in (
        "droit du travail français",
        "accordée pour 4 ans",
        "sept jours sur sept",
        "AFNOR",
        "FNRC",
        "AFRC",
        "Pro France",
        "Service France Garanti",
        "qualité",
        "prix",
    ):
        assert phrase in page, phrase


def test_api_search_shape_with_verdict(client):
    data = client.get("/api/v1/search?q=552 081 317").get_json()
    assert data["query"] == "552 081 317"
    assert data["verdict"] == {
        "slug": "edf",
        "name": "EDF",
        "as_of": "2026-11-29",
        "status": "unconfirmed",
        "basis": "press",
        "match_type": "siren",
        "url": "http://localhost/entreprises/edf",
    }
    assert data["results"][0]["slug"] == "edf"
    assert data["suggestions"] == []


def test_api_search_without_designating_match_has_null_verdict(client):
    data = client.get("/api/v1/search?q=boulenger").get_json()
    assert data["verdict"] is None
    assert [s["slug"] for s in data["suggestions"]] == ["boulanger"]
    assert data["suggestions"][0]["match_type"] == "fuzzy"


def test_api_limit_is_respected_and_validated(client):
    assert len(client.get("/api/v1/search?q=ma&limit=1").get_json()["results"]) == 1
    for bad in ("0", "x", "51", "-1"):
        response = client.get(f"/api/v1/search?q=ma&limit={bad}")
        assert response.status_code == 400
        assert response.mimetype == "application/problem+json"
        assert "limit" in response.get_json()["detail"]


def test_api_without_q_is_a_readable_problem(client):
    response = client.get("/api/v1/search")
    assert response.status_code == 400
    assert response.get_json()["status"] == 400


def test_healthz_reports_generation_and_document_count(client, bundled_register_raw):
    data = client.get("/healthz").get_json()
    assert data["status"] == "ok"
    assert data["documents"] == len(bundled_register_raw["companies"]) == 14
    assert data["generation"].startswith("gen-")


HOSTILE = [
    "AND",
    "OR",
    "NOT",
    "*",
    "**",
    "?",
    '"',
    '""',
    "'",
    "name:edf",
    "slug:*",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "~",
    "^",
    "\\",
    "%00",
    "%ff%fe%fd",
    "%c3%28",
    "%ed%a0%80",
    "%F0%9F%98%80",
    "a" * 200,
    "é" * 200,
    "🙂" * 50,
    "%0d%0aSet-Cookie:x=1",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "../../etc/passwd",
    "552081317" * 3,
    "%20" * 300,
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("route", ["/recherche", "/api/v1/search"])
def test_hostile_queries_never_cause_a_server_error(client, route, query):
    response = client.get(f"{route}?q={query}")
    assert response.status_code in (200, 400), response.status_code
    assert "Set-Cookie" not in response.headers
    if route == "/recherche":
        assert "<script>alert" not in response.get_data(as_text=True)


@pytest.mark.parametrize("route", ["/recherche", "/api/v1/search"])
def test_five_thousand_characters_get_a_readable_400(client, route):
    response = client.get(f"{route}?q={'x' * 5000}")
    assert response.status_code == 400
    assert "200" in response.get_data(as_text=True)


def test_post_is_refused_with_405_and_allow_header(client):
    response = client.post("/recherche?q=edf")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_security_headers_and_no_cookies_on_every_page(client):
    for url in (
        "/",
        "/recherche?q=edf",
        "/entreprises/maif",
        "/label",
        "/labels",
        "/labels.json",
        "/api/v1/search?q=x",
        "/nope",
    ):
        response = client.get(url)
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Set-Cookie" not in response.headers


def test_pages_send_etag_and_answer_304(client):
    first = client.get("/entreprises/maif")
    assert first.headers["Cache-Control"].startswith("public")
    etag = first.headers["ETag"]
    again = client.get("/entreprises/maif", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_pages_reference_only_local_assets(client):
    page = client.get("/").get_data(as_text=True)
    assert "/static/vendor/htmx-2.0.11/htmx.min.js" in page
    assert "http://" not in page.replace("http://localhost", "")
    assert "https://" not in page


def test_label_page_says_only_what_its_sources_say_and_cites_them_inline(client):
    page = client.get("/label").get_data(as_text=True)
    seed = '<a class="cite" href="https://refrance.fr/relation-client-france-label-relocaliser-centres-appels/"'
    sfam = '<a class="cite" href="https://magazine.sfam.eu/nouvelle-certification-relation-client-made-in-france/"'
    assert page.count(seed) >= 8 and page.count(sfam) >= 2
    afrc = page.index("réservé aux membres de l'AFRC")
    assert page.index(sfam, afrc) - afrc < 200, "the AFRC-members rule cites SFAM"
    for unsupported in ("AFNOR Certification", "Fédération nationale", "(téléphone, courriel"):
        assert unsupported not in page, unsupported
    assert "Le label n'a pas pu être accordé avant le 1er décembre 2020." in page
    assert 'href="/labels#service-france-garanti"' in page
