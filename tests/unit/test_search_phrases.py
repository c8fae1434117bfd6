"""Queries as people type them: a brand inside a phrase, generic words, VAT numbers."""

from __future__ import annotations

import pytest

from search_index import SearchIndex, build_index
from search_index.normalize import as_vat, vat_key
from search_index.reading import NameKeys, read_text


def verdict_of(index, text):
    verdict = index.search(text).verdict
    return (verdict.slug, verdict.match_type) if verdict else None


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("la maif", "maif"),
        ("service client edf", "edf"),
        ("mutuelle unéo", "uneo"),
        ("magasin boulanger", "boulanger"),
        ("l'edf", "edf"),
        ("l’edf", "edf"),
        ("« La MAIF »", "maif"),
        ('"service client" de butagaz', "butagaz"),
        ("numéro de téléphone sanofi", "sanofi"),
        ("contacter le service client d’Edenred", "edenred"),
        ("est-ce que la macif est certifiée ?", "macif"),
        ("Homeserve customer service", "homeserve"),
    ],
)
def test_a_brand_beside_generic_words_is_a_phrase_verdict(bundled_index, text, slug):
    assert verdict_of(bundled_index, text) == (slug, "phrase")


def test_what_was_ignored_is_reported(bundled_index):
    outcome = bundled_index.search("l'assurance MAIF")
    assert outcome.understood == "maif"
    assert outcome.ignored == ("l'", "assurance")
    assert outcome.unknown == ()


def test_generic_words_inside_a_name_stay_in_the_name(bundled_index):
    assert verdict_of(bundled_index, "Mutuelle Assurance des Instituteurs de France") == (
        "maif",
        "alias",
    )
    assert verdict_of(bundled_index, "O2 services à domicile") == ("o2", "alias")
    outcome = bundled_index.search("mutuelle assurance des instituteurs de france contact")
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("maif", "phrase")
    assert outcome.ignored == ("contact",)


def test_longest_name_wins_over_the_shorter_one_inside_it(bundled_index):
    outcome = bundled_index.search("avis uneo mutuelle")
    assert outcome.understood == "uneo mutuelle"
    assert outcome.verdict.slug == "uneo"


@pytest.mark.parametrize(
    ("text", "slug", "unknown"),
    [
        ("boulanger paris", "boulanger", ("paris",)),
        ("magasin boulanger lyon part dieu", "boulanger", ("lyon", "part", "dieu")),
        ("maif assurance habitation", "maif", ("habitation",)),
        ("edf renouvelables", "edf", ("renouvelables",)),
        ("sanofi pasteur", "sanofi", ("pasteur",)),
        ("o2 switch", "o2", ("switch",)),
    ],
)
def test_a_brand_beside_unknown_words_is_the_top_suggestion_only(
    bundled_index, text, slug, unknown
):
    outcome = bundled_index.search(text)
    assert outcome.verdict is None
    assert (outcome.results[0].slug, outcome.results[0].match_type) == (slug, "partial")
    assert outcome.unknown == unknown


def test_two_brands_give_no_verdict_and_both_are_suggested(bundled_index):
    outcome = bundled_index.search("maif ou macif")
    assert outcome.verdict is None
    assert {(r.slug, r.match_type) for r in outcome.results[:2]} == {
        ("maif", "partial"),
        ("macif", "partial"),
    }


def test_a_two_letter_name_beside_other_words_is_not_a_verdict(bundled_index):
    outcome = bundled_index.search("o2 customer service")
    assert outcome.verdict is None
    assert outcome.results[0].slug == "o2"
    assert verdict_of(bundled_index, "O2") == ("o2", "exact")


@pytest.mark.parametrize(
    "text",
    [
        "maaf assurance",
        "assurance maaf",
        "service client matmut",
        "boulangerie paris",
        "la boulangerie",
        "butane service client",
        "mon compte engie",
        "contact free",
        "service client orange",
        "darty magasin",
        "amazon customer service",
        "gmf mutuelle",
        "l'o2 uk",
    ],
)
def test_look_alikes_in_a_phrase_never_get_a_verdict(bundled_index, text):
    assert bundled_index.search(text).verdict is None


@pytest.mark.parametrize("text", ["service client", "mutuelle", "assurance", "mon compte", "la"])
def test_generic_words_alone_get_a_notice_not_a_company(bundled_index, text):
    outcome = bundled_index.search(text)
    assert outcome.results == ()
    assert "generic_only" in outcome.notices


def test_a_register_domain_inside_a_phrase_stands_for_its_company(bundled_index):
    outcome = bundled_index.search("service client https://www.boulanger.com/contact")
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("boulanger", "phrase")
    unknown_domain = bundled_index.search("service client boulanger.fr")
    assert unknown_domain.verdict is None
    assert unknown_domain.unknown == ("fr",)


def test_a_name_starting_with_generic_words_is_offered_while_typing(bundled_index):
    outcome = bundled_index.search("mutuelle assurance des inst")
    assert outcome.verdict is None
    assert (outcome.results[0].slug, outcome.results[0].match_type) == ("maif", "prefix")


def test_elision_needs_an_apostrophe():
    keys = NameKeys(["oreal", "l oreal"])
    assert read_text("l'oréal", keys).understood == "l oreal"
    assert read_text("d’oreal", keys).ignored == ("d'",)
    assert read_text("x oreal", keys).unknown == ("x",)


def test_vat_key_is_computed_from_the_siren():
    assert vat_key("438424384") == 15
    assert as_vat("FR 15 438 424 384") == ("438424384", True)
    assert as_vat("fr16438424384") == ("438424384", False)
    assert as_vat("FR15 438 424 38") is None


@pytest.mark.parametrize(
    "text", ["FR03552081317", "FR 03 552 081 317", "n° TVA : FR03 552081317", "SIREN 552 081 317"]
)
def test_vat_number_or_labelled_siren_designates_edf(bundled_index, text):
    outcome = bundled_index.search(text)
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("edf", "siren")
    assert outcome.understood == "552081317"


def test_vat_with_a_wrong_key_gets_the_bad_check_digit_notice(bundled_index):
    outcome = bundled_index.search("FR04552081317")
    assert outcome.read_as == "vat"
    assert outcome.results == ()
    assert outcome.notices == ("invalid_siren",)
    assert bundled_index.search("552 081 318").notices == ("invalid_siren",)


def test_homeserve_vat_number_from_its_terms_of_sale(write_register, tmp_path):
    """FR15438424384 is printed on HomeServe's terms of sale: read as SIREN 438 424 384."""

    def with_homeserve_siren(raw):
        homeserve = next(c for c in raw["companies"] if c["slug"] == "homeserve")
        homeserve["siren"] = "438424384"
        homeserve["sources"][-1]["covers"].append("siren")

    root = tmp_path / "index"
    build_index(write_register(with_homeserve_siren), root)
    index = SearchIndex(root / (root / "CURRENT").read_text().strip())
    try:
        assert verdict_of(index, "FR15438424384") == ("homeserve", "siren")
        assert index.search("FR15438424384").read_as == "vat"
    finally:
        index.close()
