"""The results page and the API say how a query was read, and why a verdict was or was not given."""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest

from tests.web.test_api_v1 import _validate


def page(client, query: str, lang: str = "fr") -> str:
    response = client.get("/recherche", query_string={"q": query, "lang": lang})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("lang", "read_as", "verdict"),
    [
        ("fr", "Lu comme : maif — mots ignorés : la, assurance", "Reconnue par : nom reconnu"),
        ("en", "Read as: maif — ignored words: la, assurance", "name recognised among general"),
    ],
)
def test_results_page_shows_the_reading_beside_the_verdict(client, lang, read_as, verdict):
    body = page(client, "la maif assurance", lang)
    assert read_as in " ".join(body.split())
    assert verdict in body
    assert 'href="/entreprises/maif' in body
    assert "pas dans le registre" not in body


def test_a_phrase_answers_with_the_company_not_a_false_negative(client):
    for query in ("la maif", "service client edf", "mutuelle unéo", "magasin boulanger"):
        body = page(client, query)
        assert "n'est pas dans le registre" not in body, query
        assert 'class="verdict verdict-unconfirmed"' in body, query


def test_brand_among_unknown_words_is_offered_without_verdict(client):
    body = page(client, "boulanger paris")
    assert "Nous avons reconnu Boulanger dans « boulanger paris », parmi d'autres mots" in body
    assert "Les mots « paris » ne font pas partie de son nom" in body
    assert "aucun verdict n'est donné" in body
    assert "verdict-unconfirmed" not in body
    assert 'href="/entreprises/boulanger' in body


def test_a_two_letter_name_among_generic_words_says_why_there_is_no_verdict(client):
    body = page(client, "o2 customer service", "en")
    assert "A name this short is not enough" in body
    assert "verdict-certified" not in body
    assert 'href="/entreprises/o2' in body


def test_two_brands_are_both_offered_without_verdict(client):
    body = page(client, "maif ou macif", "en")
    assert "Several companies recognised in “maif ou macif”: MAIF, MACIF" in body
    assert "verdict-unconfirmed" not in body


def test_generic_words_alone_ask_for_a_brand(client):
    body = page(client, "service client")
    assert "Quelle entreprise cherchez-vous ?" in body
    assert "mots ignorés : service client" in body
    assert "n'est pas dans le registre" not in body


def test_vat_number_is_read_as_its_siren(client):
    body = " ".join(page(client, "FR03552081317").split())
    assert "Lu comme : numéro de TVA, SIREN 552081317" in body
    assert 'class="verdict verdict-unconfirmed"' in body


def test_vat_number_with_a_wrong_key_gets_the_check_digit_notice(client):
    body = page(client, "FR04552081317", "en")
    assert "Read as: VAT number, SIREN 552081317" in " ".join(body.split())
    assert "its key (the 2 digits after FR) does not match the SIREN" in body


def test_api_read_as_carries_the_reading(client):
    body = _validate(client, "/api/v1/search?q=l%E2%80%99assurance%20MAIF")
    assert body["read_as"] == {
        "kind": "text",
        "understood": "maif",
        "ignored": ["l'", "assurance"],
        "unknown": [],
    }
    assert (body["verdict"]["slug"], body["verdict"]["match_type"]) == ("maif", "phrase")


@pytest.mark.parametrize(
    ("query", "kind", "understood", "verdict"),
    [
        ("FR15438424384", "vat", "438424384", "homeserve"),
        ("boulanger paris", "text", "boulanger paris", None),
        ("service client", "text", "", None),
        ("maif", "text", "maif", "maif"),
        ("www.maif.fr", "domain", "maif.fr", "maif"),
    ],
)
def test_api_reading_for_each_kind_of_query(client, query, kind, understood, verdict):
    body = _validate(client, "/api/v1/search?q=" + quote(query))
    assert (body["read_as"]["kind"], body["read_as"]["understood"]) == (kind, understood)
    assert (body["verdict"] or {}).get("slug") == verdict
