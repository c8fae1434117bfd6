"""Company permalinks: SIREN redirects, JSON twins, as-of answers, citation, metadata."""

from __future__ import annotations

import json
import re

import pytest


def _jsonld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _walk_values(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_values(item)
    yield value


@pytest.mark.parametrize("siren", ["775709702", "775%20709%20702"])
def test_siren_permalink_redirects_permanently_to_the_slug_page(client, siren):
    response = client.get(f"/entreprises/{siren}")
    assert response.status_code == 301
    assert response.headers["Location"] == "/entreprises/maif"


@pytest.mark.parametrize("path", ["/entreprises/123456782", "/entreprises/12345", "/entreprises/x"])
def test_unknown_siren_or_slug_gives_the_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "<html" in response.get_data(as_text=True)


def test_company_page_declares_canonical_json_twin_and_oembed(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/entreprises/maif">' in page
    assert 'type="application/json" href="http://localhost/entreprises/maif.json"' in page
    assert (
        'type="application/json+oembed" href="http://localhost/oembed?'
        "url=http://localhost/entreprises/maif&amp;format=json" in page
    )
    assert '<meta property="og:url" content="http://localhost/entreprises/maif">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert '<meta property="og:image" content="http://localhost/badge/maif.svg">' in page


def test_json_twin_is_the_full_record_with_links(client, bundled_register_raw):
    record = client.get("/entreprises/maif.json").get_json()
    original = next(c for c in bundled_register_raw["companies"] if c["slug"] == "maif")
    assert {k: record[k] for k in original} == original
    assert record["links"]["html"] == "http://localhost/entreprises/maif"
    assert record["as_of"] is None


def test_only_data_scripts_are_inline(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", page):
        assert 'type="application/ld+json"' in tag or "src=" in tag, tag


def test_jsonld_on_null_certificate_has_no_fabricated_fields(client):
    data = _jsonld(client.get("/entreprises/homeserve").get_data(as_text=True))
    assert data["@type"] == "Organization" and data["name"] == "HomeServe"
    certification = data["hasCertification"]
    assert certification["@type"] == "Certification"
    for absent in ("validFrom", "expires", "issuedBy", "certificationIdentification"):
        assert absent not in certification
    assert "identifier" not in data  # HomeServe's SIREN is not in the register
    assert None not in list(_walk_values(data)) and "" not in list(_walk_values(data))
    assert "selon la presse" in certification["description"]


def test_jsonld_carries_known_certificate_fields(dated_client):
    data = _jsonld(dated_client.get("/entreprises/exemple-fictif-complet").get_data(as_text=True))
    certification = data["hasCertification"]
    assert certification["validFrom"] == "2022-03-01"
    assert certification["expires"] == "2026-02-28"
    assert certification["issuedBy"] == {"@type": "Organization", "name": "Organisme fictif"}
    assert certification["certificationIdentification"] == "RCF-TEST-0001"
    assert certification["certificationStatus"] == "https://schema.org/CertificationActive"
    assert data["identifier"]["value"] == "123456782"


def test_bundled_company_as_of_is_unknown_and_says_why(client):
    page = client.get("/entreprises/maif?date=2022-06-01").get_data(as_text=True)
    assert "Au 1 juin 2022 : Inconnu." in page
    assert "n&#39;a pas de date publiée" in page


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2021-01-01", "Pas de certification enregistrée"),
        ("2025-07-01", "Certification expirée"),
        ("2025-10-01", "Certifiée"),
    ],
)
def test_dated_history_answers_on_the_page(dated_client, day, expected):
    page = dated_client.get(f"/entreprises/exemple-fictif-date?date={day}").get_data(as_text=True)
    assert f": {expected}.</strong>" in page


def test_timeline_lists_dated_events_in_order_with_sources(dated_client):
    page = dated_client.get("/entreprises/exemple-fictif-date").get_data(as_text=True)
    timeline = page.split('id="timeline-title"', 1)[1].split("</section>", 1)[0]
    dates = re.findall(r'<time datetime="([0-9-]+)">', timeline)
    assert dates == ["2021-06-15", "2025-06-15", "2025-09-01"]
    assert page.count('href="#source-fixture">Source fictive de test</a>') == 3


@pytest.mark.parametrize("bad", ["2024-02-30", "demain", "2024-1-1", "x" * 500])
def test_invalid_date_is_a_readable_400(client, bad):
    page = client.get("/entreprises/maif", query_string={"date": bad})
    assert page.status_code == 400
    assert "AAAA-MM-JJ" in page.get_data(as_text=True)
    api = client.get("/api/v1/companies/maif", query_string={"date": bad})
    assert api.status_code == 400 and api.mimetype == "application/problem+json"


def test_citation_is_plain_selectable_text_with_permalink_and_dates(client):
    page = client.get("/entreprises/edf").get_data(as_text=True)
    full = re.search(r'<p class="citation-text" id="citation-full" data-copy>(.*?)</p>', page)
    assert full, "citation block missing"
    text = full.group(1)
    assert re.match(r"EDF — statut Relation Client France au \d+ \w+ \d{4} : Certifiée", text)
    assert "http://localhost/entreprises/edf" in text and "consultée le" in text
    assert 'src="/static/citation.js"' in page
    assert 'id="citation-short"' in page


def test_citation_of_an_as_of_answer_cites_the_dated_url(dated_client):
    page = dated_client.get("/entreprises/exemple-fictif-date?date=2025-07-01").get_data(
        as_text=True
    )
    assert "http://localhost/entreprises/exemple-fictif-date?date=2025-07-01" in page
    assert "au 1 juillet 2025 : Certification expirée" in page


def test_last_checked_date_is_shown(client, bundled_register_raw):
    checked = next(c for c in bundled_register_raw["companies"] if c["slug"] == "edf")
    page = client.get("/entreprises/edf").get_data(as_text=True)
    day = checked["last_checked"]
    assert f'Dernière vérification de cette fiche : <time datetime="{day}">' in page
    assert "29 novembre 2026</time>" in page
    english = client.get("/entreprises/edf?lang=en").get_data(as_text=True)
    assert "November 29, 2026</time>" in english


def test_empty_date_from_the_form_shows_the_page_without_an_answer(client):
    response = client.get("/entreprises/maif?date=")
    assert response.status_code == 200
    assert "as-of-answer" not in response.get_data(as_text=True)
