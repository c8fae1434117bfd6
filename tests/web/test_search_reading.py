"""The results page and the API say how a query was read, and why a verdict was or was not given."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from tests.support.openapi import matches_openapi


def page(client, query: str, lang: str = "fr") -> str:
    response = client.get("/recherche", query_string={"q": query, "lang": lang})
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def text(client, query: str, lang: str = "fr") -> str:
    """The results as a reader sees them: tags gone, spaces collapsed."""
    results = page(client, query, lang).split('id="results"', 1)[1].split(">", 1)[1]
    results = results.split("</footer>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", results).split())


@pytest.mark.parametrize(
    ("lang", "query", "said"),
    [
        ("fr", "maif", "Vous avez cherché « maif » : c'est le nom de cette entreprise."),
        ("en", "maif", "You searched for “maif”: that is this company's name."),
        ("fr", "Ticket Restaurant", "Vous avez cherché « Ticket Restaurant » : c'est un autre "
         "nom de cette entreprise."),
        ("en", "Ticket Restaurant", "You searched for “Ticket Restaurant”: that is another "
         "name for this company."),
        ("fr", "775 709 702", "775 709 702 est le numéro SIREN de cette entreprise, d'après des "
         "sources générales (à vérifier)."),
        ("en", "775709702", "775 709 702 is this company's SIREN number, according to general "
         "sources (to verify)."),
        ("fr", "www.maif.fr", "maif.fr est un site web de cette entreprise, d'après des sources "
         "générales (à vérifier)."),
        ("en", "maif.fr", "maif.fr is one of this company's websites, according to general "
         "sources (to verify)."),
        ("fr", "service client edf", "Dans « service client edf », nous avons retenu « edf », "
         "qui désigne cette entreprise ; les autres mots ne désignent aucune entreprise."),
        ("en", "la maif assurance", "In “la maif assurance”, we kept “maif”, which names this "
         "company; the other words name no company."),
        ("fr", "FR03552081317", "Le numéro de TVA FR03552081317 contient le numéro SIREN "
         "552 081 317, celui de cette entreprise d'après des sources générales (à vérifier)."),
    ],
)  # fmt: skip
def test_a_verdict_says_in_plain_words_why_the_search_leads_to_the_company(
    client, lang, query, said
):
    shown = text(client, query, lang)
    assert said in shown
    for internal in ("Reconnue par", "Recognised by", "nom exact", "exact name", "Lu comme",
                     "Read as", "mots ignorés", "ignored words"):  # fmt: skip
        assert internal not in shown, internal


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("la Maïf assurance", "Dans « la Maïf assurance », nous avons retenu « Maïf »,"),
        ("Service client EDF", "Dans « Service client EDF », nous avons retenu « EDF »,"),
        ("la MAAF", "Recherche faite sur « MAAF » ; « la » est un mot trop courant"),
    ],
)
def test_the_words_kept_are_quoted_as_the_reader_typed_them(client, query, said):
    """The search folds accents and capitals; the sentence quotes the reader's own spelling."""
    assert said in text(client, query)


def test_a_website_only_general_sources_give_is_flagged_to_verify_and_no_other(
    client, dated_client
):
    assert "(à vérifier)" in text(client, "boulanger.com"), "every bundled domain is to verify"
    shown = text(dated_client, "example.com")
    assert "example.com est un site web de cette entreprise." in shown
    assert "à vérifier" not in shown


def test_a_siren_only_general_sources_give_is_flagged_to_verify_and_no_other(client, dated_client):
    """Every bundled SIREN comes from general knowledge: a search by it must not present it
    as established; a SIREN backed by a cited source reads without the flag."""
    assert "(à vérifier)" in text(client, "347 384 570"), "every bundled SIREN is to verify"
    assert "à vérifier" in text(client, "FR03552081317").split("Non confirmée", 1)[0]
    shown = text(dated_client, "123 456 782")
    assert "123 456 782 est le numéro SIREN de cette entreprise." in shown
    assert "à vérifier" not in shown


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Recherche faite sur « maaf » ; « la » est un mot trop courant pour désigner une "
         "entreprise."),
        ("en", "Searched for “maaf”; “la” is too common a word to name a company."),
    ],
)  # fmt: skip
def test_without_a_verdict_the_reading_says_which_words_were_set_aside(client, lang, said):
    shown = text(client, "la maaf", lang)
    assert said in shown
    assert "mots ignorés" not in shown and "ignored words" not in shown
    assert "MAIF" in shown, "the look-alike is still offered"


def test_a_phrase_among_several_common_words_names_them_all(client):
    shown = text(client, "la maif ou la macif", "en")
    assert "“la”, “ou”, “la” are too common to name a company." in shown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_another_labels_name_is_answered_once_without_words_set_aside(client, lang):
    shown = text(client, "Service France Garanti", lang)
    heading = {"fr": "Service France Garanti est un autre label",
               "en": "Service France Garanti is another label"}[lang]  # fmt: skip
    assert shown.startswith(heading + " "), shown[:120]
    assert shown.count("Service France Garanti") == 1, "the heading does not repeat itself"
    for internal in ("Lu comme", "Read as", "mots ignorés", "ignored words", "service »",
                     "“service”", "Recherche faite", "Searched for"):  # fmt: skip
        assert internal not in shown, internal


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
    assert "ne contient que des mots généraux" in body and "mots ignorés" not in body
    assert "n'est pas dans le registre" not in body


def test_vat_number_is_read_as_its_siren(client):
    body = " ".join(page(client, "FR03552081317").split())
    assert "contient le numéro SIREN 552 081 317, celui de cette entreprise d'après" in body
    assert 'class="verdict verdict-unconfirmed"' in body


def test_vat_number_with_a_wrong_key_gets_the_check_digit_notice(client):
    body = page(client, "FR04552081317", "en")
    assert "Searched for the SIREN number 552081317, found within this VAT number." in " ".join(
        body.split()
    )
    assert "its key (the 2 digits after FR) does not match the SIREN" in body


def test_api_read_as_carries_the_reading(client):
    body = matches_openapi(client, "/api/v1/search?q=l%E2%80%99assurance%20MAIF")
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
    body = matches_openapi(client, "/api/v1/search?q=" + quote(query))
    assert (body["read_as"]["kind"], body["read_as"]["understood"]) == (kind, understood)
    assert (body["verdict"] or {}).get("slug") == verdict
