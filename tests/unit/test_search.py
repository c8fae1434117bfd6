"""Search over the real bundled register: verdicts only for designating matches."""

from __future__ import annotations

import pytest

from search_index import MAX_QUERY_LENGTH, QueryTooLong


def top(index, text):
    outcome = index.search(text)
    first = outcome.results[0] if outcome.results else None
    return outcome, first


def test_typo_boulenger_suggests_boulanger_without_verdict(bundled_index):
    outcome, first = top(bundled_index, "boulenger")
    assert (first.slug, first.match_type) == ("boulanger", "fuzzy")
    assert outcome.verdict is None


@pytest.mark.parametrize(
    "text", ["électricité de france", "electricite de france", "ÉLECTRICITÉ  DE-FRANCE"]
)
def test_edf_long_name_with_or_without_accents_is_an_alias_verdict(bundled_index, text):
    outcome, _ = top(bundled_index, text)
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("edf", "alias")


@pytest.mark.parametrize(
    "text", ["www.maif.fr", "maif.fr", "https://www.maif.fr/particuliers?x=1", "MAIF.FR"]
)
def test_domain_designates_maif(bundled_index, text):
    outcome, _ = top(bundled_index, text)
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("maif", "domain")


def test_url_reduces_to_registrable_domain(bundled_index):
    outcome, _ = top(bundled_index, "https://www.boulanger.com/c/tv")
    assert outcome.verdict.slug == "boulanger"


@pytest.mark.parametrize("text", ["552 081 317", "552081317", "552.081.317", "55208131700010"])
def test_siren_and_siret_with_spaces_designate_edf(bundled_index, text):
    outcome, _ = top(bundled_index, text)
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("edf", "siren")


def test_siren_with_bad_check_digit_is_flagged_not_matched(bundled_index):
    outcome, _ = top(bundled_index, "552 081 318")
    assert outcome.results == ()
    assert "invalid_siren" in outcome.notices


def test_o2_is_an_exact_match(bundled_index):
    outcome, _ = top(bundled_index, "o2")
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("o2", "exact")


def test_maif_is_maif_not_macif(bundled_index):
    outcome, _ = top(bundled_index, "maif")
    assert outcome.verdict.slug == "maif"
    assert all(r.slug != "macif" or not r.designates for r in outcome.results)


def test_maaf_is_not_reported_as_maif(bundled_index):
    outcome, _ = top(bundled_index, "maaf")
    assert outcome.verdict is None
    assert all(not r.designates for r in outcome.results)


def test_boulangerie_gets_no_verdict_for_boulanger(bundled_index):
    outcome, _ = top(bundled_index, "boulangerie")
    assert outcome.verdict is None


LOOK_ALIKES = [
    "MAAF",
    "MACSF",
    "MATMUT",
    "GMF",
    "boulangerie",
    "Butane",
    "O2 Switch",
    "o2switch",
    "O2 UK",
    "Engie",
    "TotalEnergies",
    "Darty",
    "Fnac",
    "Free",
    "Orange",
    "SFR",
    "Amazon",
    "boulanger.fr",
    "maaf.fr",
    "o2.co.uk",
    "sanofi pasteur",
    "edf renouvelables",
    # Not the companies the AFRC's president named: a surname, other businesses, other groups.
    "Leroy",
    "Merlin",
    "leroy.fr",
    "Gaz de France",
    "GDF",
    "DHL Freight",
    "DHL Supply Chain",
    "dhl-freight.com",
    "Régaz-Bordeaux",
    "Regaz Bordeaux",
    "Bordeaux Métropole Énergies",
    "Bordeaux",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_never_get_a_certified_verdict(bundled_index, text):
    assert bundled_index.search(text).verdict is None


def test_unknown_domain_with_a_brand_label_is_only_a_suggestion(bundled_index):
    outcome, first = top(bundled_index, "boulanger.fr")
    assert outcome.verdict is None
    assert first.slug == "boulanger" and not first.designates


def test_prefix_boul_suggests_boulanger(bundled_index):
    outcome, first = top(bundled_index, "boul")
    assert (first.slug, first.match_type) == ("boulanger", "prefix")
    assert outcome.verdict is None


def test_the_companies_named_by_the_afrc_are_found_by_name_alias_and_domain(bundled_index):
    for text, slug in [
        ("leroy merlin", "leroy-merlin"),
        ("Leroy-Merlin", "leroy-merlin"),
        ("leroymerlin.fr", "leroy-merlin"),
        ("DHL", "dhl"),
        ("DHL Express", "dhl"),
        ("dhl.com", "dhl"),
        ("gaz de bordeaux", "gaz-de-bordeaux"),
        ("GDB", "gaz-de-bordeaux"),
        ("gazdebordeaux.fr", "gaz-de-bordeaux"),
    ]:
        assert bundled_index.search(text).verdict.slug == slug, text


def test_aliases_designate_the_brand_owner(bundled_index):
    assert bundled_index.search("Ticket Restaurant").verdict.slug == "edenred"
    assert bundled_index.search("sanofi-aventis").verdict.slug == "sanofi"
    assert bundled_index.search("Unéo mutuelle").verdict.slug == "uneo"


@pytest.mark.parametrize(
    "text",
    [
        "AND",
        "OR NOT",
        "*",
        "?",
        "name:edf",
        'edf"',
        '"edf',
        "(edf",
        "edf)",
        "[a TO z]",
        "edf~2",
        "edf^3",
        "\\",
        "/",
        "-",
        "+edf",
        "name_key:maif",
        "slug:maif",
        "~",
        "{}",
        "%",
        "\x00edf",
    ],
)
def test_query_syntax_is_plain_text(bundled_index, text):
    outcome = bundled_index.search(text)
    assert outcome.verdict is None or outcome.verdict.slug == "edf"


def test_field_syntax_does_not_reach_other_fields(bundled_index):
    assert bundled_index.search("slug:maif").verdict is None


def test_query_over_the_cap_raises_a_dedicated_error(bundled_index):
    with pytest.raises(QueryTooLong):
        bundled_index.search("a" * (MAX_QUERY_LENGTH + 1))
    assert bundled_index.search("a" * MAX_QUERY_LENGTH).verdict is None


def test_control_characters_and_emoji_are_ignored(bundled_index):
    assert bundled_index.search("\x00\x07🙂").read_as == "empty"
    assert bundled_index.search("maif 🙂").verdict.slug == "maif"
    assert bundled_index.search("\u200bmaif\u200b").verdict.slug == "maif"
