"""A certificate published by a certifier, as every surface renders it: the page (number,
issuer, dates, scope, who published it and when), JSON-LD, API, badge, card, CSV and feed,
in French and English, and the same surfaces once it is suspended or past its last day."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import feedparser
import pytest

from search_index import build_index
from tests.support.certificates import certificate_record, with_certificates

PUBLISHED = dt.date(2026, 11, 30)
ISSUER = "Organisme certificateur de test"
MAIF = certificate_record(valid_until="2027-01-04", scope="Service client à distance")


def apply(raw: dict, records: list, day: dt.date) -> dict:
    return with_certificates(raw, records, ISSUER, day)


@pytest.fixture(scope="module")
def certified_raw(bundled_register_raw):
    return apply(bundled_register_raw, [MAIF], PUBLISHED)


@pytest.fixture(scope="module")
def suspended_raw(certified_raw):
    suspension = {**MAIF, "status": "suspended", "status_since": "2026-12-02"}
    return apply(certified_raw, [suspension], dt.date(2026, 12, 3))


def site(make_app, tmp_path_factory, raw: dict, today: dt.date):
    root = tmp_path_factory.mktemp("certificate-index")
    path = root / "register.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    build_index(path, root / "index")
    return make_app(INDEX_DIR=str(root / "index"), CLOCK=lambda: today).test_client()


def jsonld(page: str) -> dict:
    start = page.index('<script type="application/ld+json">') + 35
    return json.loads(page[start : page.index("</script>", start)])


def test_the_page_shows_the_certificate_and_who_published_it(make_app, tmp_path_factory,
                                                             certified_raw):  # fmt: skip
    client = site(make_app, tmp_path_factory, certified_raw, PUBLISHED)
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert "<strong>Certifiée</strong>" in page
    assert "Source la plus récente : parue le 30 novembre 2026." in page
    published = f"Publié par {ISSUER} le 30 novembre 2026"
    for shown in ("RCF-2026-0001", "5 janvier 2026", "4 janvier 2027", "à distance", published):
        assert shown in page, shown
    certification = jsonld(page)["hasCertification"]
    assert certification["certificationStatus"] == "https://schema.org/CertificationActive"
    assert certification["certificationIdentification"] == "RCF-2026-0001"
    assert certification["issuedBy"]["name"] == ISSUER
    english = client.get("/entreprises/maif?lang=en").get_data(as_text=True)
    assert "Certified" in english and f"Published by {ISSUER} on 30 November 2026" in english


def test_every_surface_reads_certified(make_app, tmp_path_factory, certified_raw):
    client = site(make_app, tmp_path_factory, certified_raw, PUBLISHED)
    api = client.get("/api/v1/companies/maif").get_json()
    assert (api["status"], api["basis"], api["reason"]) == (
        "certified", "certificate", "certificate_in_force"
    )  # fmt: skip
    assert api["certificate"]["number"] == "RCF-2026-0001"
    assert api["certificate"]["published_by"] == ISSUER
    assert "certifié" in client.get("/badge/maif.svg").get_data(as_text=True)
    assert "Certifiée" in client.get("/embed/maif").get_data(as_text=True)
    rows = csv.DictReader(io.StringIO(client.get("/registre.csv").get_data(as_text=True)[1:]),
                          delimiter=";")  # fmt: skip
    maif = next(r for r in rows if r["slug"] == "maif")
    assert (maif["status"], maif["basis"]) == ("certified", "certificate")
    assert json.loads(maif["certificates_json"])[0]["number"] == "RCF-2026-0001"
    search = client.get("/api/v1/search?q=maif").get_json()
    assert search["results"][0]["status"] == "certified"


def test_a_suspension_reads_suspended_from_its_day(make_app, tmp_path_factory, suspended_raw):
    before = site(make_app, tmp_path_factory, suspended_raw, dt.date(2026, 12, 1))
    assert before.get("/api/v1/companies/maif").get_json()["status"] == "certified"
    client = site(make_app, tmp_path_factory, suspended_raw, dt.date(2026, 12, 3))
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert "Certification suspendue" in page and "depuis le 2 décembre 2026" in page
    assert "Versions précédentes (1)" in page
    assert jsonld(page)["hasCertification"]["certificationStatus"].endswith("Inactive")
    assert "suspendu" in client.get("/badge/maif.svg").get_data(as_text=True)
    journal = client.get("/journal").get_data(as_text=True)
    assert "n° RCF-2026-0001 : suspendu" in journal and ISSUER in journal


def test_after_its_last_valid_day_it_reads_expired_without_any_import(
    make_app, tmp_path_factory, certified_raw
):
    last_day = site(make_app, tmp_path_factory, certified_raw, dt.date(2027, 1, 4))
    assert last_day.get("/api/v1/companies/maif").get_json()["status"] == "certified"
    client = site(make_app, tmp_path_factory, certified_raw, dt.date(2027, 1, 5))
    api = client.get("/api/v1/companies/maif").get_json()
    assert (api["status"], api["reason"]) == ("expired", "certificate_ended")
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert "Certification expirée" in page
    assert "CertificationActive" not in page
    assert "expiré" in client.get("/badge/maif.svg").get_data(as_text=True)
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    titles = [e.title for e in feed.entries if "/certificate/" in e.id]
    assert "MAIF : certificat n° RCF-2026-0001 expiré le 5 janvier 2027" in titles
    assert "MAIF : certificat n° RCF-2026-0001 délivré le 5 janvier 2026" in titles


def test_its_number_in_the_search_box_finds_it_and_an_unknown_number_finds_nobody(
    make_app, tmp_path_factory, certified_raw
):
    client = site(make_app, tmp_path_factory, certified_raw, PUBLISHED)
    found = client.get("/recherche?q=rcf-2026-0001").get_data(as_text=True)
    assert "RCF20260001 est le numéro d'un certificat de cette entreprise." in found
    assert "Certifiée" in found and "Reconnue par" not in found and "Lu comme" not in found
    unknown = client.get("/recherche?q=RCF-2026-0009").get_data(as_text=True)
    assert "Aucun certificat de ce numéro dans le registre" in unknown
    assert "Vouliez-vous dire" not in unknown and "/entreprises/maif" not in unknown
    api = client.get("/api/v1/search?q=RCF-2026-0009").get_json()
    assert api["results"] == [] and "no_certificate" in api["notices"]


@pytest.mark.parametrize(
    ("status", "since", "day", "words"),
    [
        # status, status_since, the day asked, (fr badge, fr headline, en badge, en headline)
        ("active", None, "2026-12-01", ("certifié", "Certifiée", "certified", "Certified")),
        ("suspended", "2026-11-01", "2026-12-01",
         ("suspendu", "Certification suspendue", "suspended", "Certification suspended")),
        ("withdrawn", "2026-11-01", "2026-12-01",
         ("retiré", "Certification retirée", "withdrawn", "Certification withdrawn")),
        ("active", None, "2027-02-01",
         ("expiré", "Certification expirée", "expired", "Certification expired")),
    ],
)  # fmt: skip
def test_each_certificate_status_reads_the_same_on_every_surface_in_both_languages(
    make_app, tmp_path_factory, bundled_register_raw, status, since, day, words
):
    record = {**MAIF, "status": status} | ({"status_since": since} if since else {})
    raw = apply(bundled_register_raw, [record], PUBLISHED)
    client = site(make_app, tmp_path_factory, raw, dt.date.fromisoformat(day))
    badge_fr, headline_fr, badge_en, headline_en = words
    expected = {"active": "certified"}.get(status, status) if day < "2027-01-05" else "expired"
    assert client.get("/api/v1/companies/maif").get_json()["status"] == expected
    assert badge_fr in client.get("/badge/maif.svg").get_data(as_text=True)
    assert badge_en in client.get("/badge/maif.svg?lang=en").get_data(as_text=True)
    for path in ("/entreprises/maif", "/embed/maif", "/recherche?q=RCF-2026-0001"):
        assert headline_fr in client.get(path).get_data(as_text=True), path
        assert headline_en in client.get(f"{path}{'&' if '?' in path else '?'}lang=en").get_data(
            as_text=True
        ), path
    rows = csv.DictReader(io.StringIO(client.get("/registre.csv").get_data(as_text=True)[1:]),
                          delimiter=";")  # fmt: skip
    assert next(r for r in rows if r["slug"] == "maif")["status"] == expected
    page = client.get("/entreprises/maif").get_data(as_text=True)
    active = "CertificationActive" in page
    assert active == (expected == "certified")
