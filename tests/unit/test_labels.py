"""The labels guide data and the search's recognition of other labels' names."""

from __future__ import annotations

import copy
import json

import pytest

from register.label_guide import (
    ASPECTS,
    CHECKED_LABEL_ID,
    DEFAULT_LABELS_PATH,
    LabelGuideError,
    bundled_guide,
    parse_guide,
)
from search_index import SearchIndex, build_index
from search_index.label_names import SpellingClash, named_label, spelling_table

# What people type, as they type it, and the label it must be recognised as. docs/search.md
# points here for the recognised spellings; every entry is searched on the real index.
RECOGNISED = {
    "Élu Service Client de l'Année": "elu-service-client-de-l-annee",
    "elu service client de l annee": "elu-service-client-de-l-annee",
    "ELU SERVICE CLIENT DE L'ANNEE 2025": "elu-service-client-de-l-annee",
    "élue service client de l'année": "elu-service-client-de-l-annee",
    "élus service client de l’année": "elu-service-client-de-l-annee",
    "élu service client": "elu-service-client-de-l-annee",
    "meilleur service client de l'année": "elu-service-client-de-l-annee",
    "service client de l'année 2024": "elu-service-client-de-l-annee",
    "ESCDA": "elu-service-client-de-l-annee",
    "escda 2019": "elu-service-client-de-l-annee",
    "NF 345": "nf-service-relation-client",
    "nf345": "nf-service-relation-client",
    "NF-345": "nf-service-relation-client",
    "NF service relation client": "nf-service-relation-client",
    "nf service relation clients": "nf-service-relation-client",
    "NF Service": "nf-service-relation-client",
    "nf relation client": "nf-service-relation-client",
    "norme NF 345": "nf-service-relation-client",
    "certification nf service relation client": "nf-service-relation-client",
    "ISO 18295": "iso-18295",
    "iso18295": "iso-18295",
    "ISO 18295-1": "iso-18295",
    "iso 18295-2": "iso-18295",
    "NF ISO 18295": "iso-18295",
    "norme iso 18295": "iso-18295",
    "service france garanti": "service-france-garanti",
    "Service France Garantie": "service-france-garanti",
    "services france garanti": "service-france-garanti",
    "label service-france-garanti": "service-france-garanti",
    "label responsabilité sociale": "label-responsabilite-sociale",
    "Label de Responsabilite Sociale": "label-responsabilite-sociale",
    "label de responsabilité sociale relation client à distance": "label-responsabilite-sociale",
    "label responsabilite sociale centres de contact": "label-responsabilite-sociale",
    "le label de responsabilité sociale": "label-responsabilite-sociale",
    "le label Élu Service Client de l'Année": "elu-service-client-de-l-annee",
    "c'est quoi ESCDA ?": "elu-service-client-de-l-annee",
    "logo élu service client de l'année 2026": "elu-service-client-de-l-annee",
    "qu'est-ce que la norme NF 345": "nf-service-relation-client",
    "la certification ISO 18295-1": "iso-18295",
    "que veut dire service france garanti": "service-france-garanti",
}
# The names of the label this site checks, as people type them: answered with the label page.
THIS_LABEL = [
    "relation client 100% france",
    "relation client 100 % france",
    "Relation Client 100% France",
    "AFRC Relation Client 100% France",
    "afrc relation client 100 % france",
    "AFRC relation client",
    "label AFRC",
    "marque AFRC",
    "relation client france",
    "Relation Client France",
    "label relation client france",
    "certification relation client france",
    "c'est quoi le label relation client france ?",
    "la certification relation client 100% france",
]
# Words inside label names, generic phrases and our own label: none names another label.
NOT_A_LABEL = [
    "service",
    "france",
    "nf",
    "iso",
    "élu",
    "label",
    "service client",
    "relation client",
    "relation client france",
    "label relation client france",
    "responsabilité sociale",
    "origine france garantie",
    "345",
    "iso 9001",
    "escda maif",
    "maif élu service client de l'année",
    "le label",
    "c'est quoi",
    "la norme",
    "le service client",
    "escda c'est quoi",
    "élu service client de l'année edf",
]
LOOK_ALIKES = ["MAAF", "MACSF", "Matmut", "GMF", "boulangerie", "Butane", "O2 Switch", "Engie"]


def test_bundled_guide_loads_with_every_aspect_for_every_label():
    guide = bundled_guide()
    assert [label.id for label in guide.labels] == [
        "relation-client-france",
        "service-france-garanti",
        "nf-service-relation-client",
        "iso-18295",
        "label-responsabilite-sociale",
        "elu-service-client-de-l-annee",
    ]
    for label in guide.labels:
        assert set(label.facts) == set(ASPECTS)
        for facts in label.facts.values():
            for fact in facts:
                assert fact.sources and fact.text.fr and fact.text.en


def test_holder_counts_are_dated_and_relation_client_france_is_only_a_press_report():
    guide = bundled_guide()
    counts = {label.id: label.holders for label in guide.labels}
    reported, about_sixty = counts["relation-client-france"]
    assert (reported.count, reported.year_from, reported.year_to) == (11, 2021, 2022)
    assert not reported.approximate and "presse" in reported.text.fr
    assert reported.sources == ("refrance-article", "sfam-magazine")
    # "About sixty", per the AFRC's president in an interview with no latest date.
    assert (about_sixty.count, about_sixty.approximate) == (60, True)
    assert (about_sixty.year_from, about_sixty.year_to) == (2021, None)
    assert about_sixty.sources == ("gazette-france-afrc",)
    assert guide.source("gazette-france-afrc").published is None
    assert [(c.count, c.year_to) for c in counts["nf-service-relation-client"]] == [(17, 2020)]
    assert [(c.count, c.year_to) for c in counts["iso-18295"]] == [(27, 2020)]
    assert [(c.count, c.year_to) for c in counts["label-responsabilite-sociale"]] == [(30, 2015)]


def test_the_checked_label_gives_both_names_its_logo_and_the_missing_rules_of_use():
    guide = bundled_guide()
    label = guide.get(CHECKED_LABEL_ID)
    assert label.name == "Relation Client France"
    first, mark, logo, rules = label.names
    assert "« Relation Client France »" in first.text.fr and "refrance-article" in first.sources
    assert "« AFRC Relation Client 100% France »" in mark.text.fr
    assert "marque de garantie" in mark.text.fr and "guarantee mark" in mark.text.en
    assert "AFRC" in logo.text.fr and "France Garantie" in logo.text.fr
    assert "règlement d'usage" in rules.text.fr and "INPI" in rules.text.fr
    assert {s for fact in (mark, logo, rules) for s in fact.sources} == {"gazette-france-afrc"}
    assert all(not other.names for other in guide.labels if other.id != CHECKED_LABEL_ID)


def _raw() -> dict:
    return json.loads(DEFAULT_LABELS_PATH.read_text(encoding="utf-8"))


def test_loader_lists_every_fault_with_its_place():
    raw = copy.deepcopy(_raw())
    escda = raw["labels"][-1]
    escda["runner"][0]["sources"] = []
    escda["checks"][0]["sources"] = ["nowhere"]
    del escda["duration"][0]["en"]
    escda["holders"] = [
        {
            "count": 3,
            "year_from": 2020,
            "year_to": 2019,
            "fr": "x",
            "en": "x",
            "sources": ["clcv-2014"],
        }
    ]
    raw["sources"][0]["published"] = "vers 2021"
    with pytest.raises(LabelGuideError) as caught:
        parse_guide(raw)
    errors = "\n".join(caught.value.errors)
    assert "elu-service-client-de-l-annee.runner[0].sources: every fact cites" in errors
    assert "unknown source 'nowhere'" in errors
    assert "duration[0].en: missing or empty" in errors
    assert "year_from and year_to are years, in order" in errors
    assert "sources[0].published: YYYY, YYYY-MM-DD or null" in errors


def test_two_labels_claiming_one_spelling_is_refused():
    raw = copy.deepcopy(_raw())
    raw["labels"][1]["spellings"].append("ESCDA")
    with pytest.raises(SpellingClash):
        spelling_table(parse_guide(raw))


@pytest.mark.parametrize("text", list(RECOGNISED))
def test_label_spellings_name_their_label_and_no_company(bundled_index, text):
    outcome = bundled_index.search(text)
    assert outcome.other_label == RECOGNISED[text]
    assert outcome.verdict is None


@pytest.mark.parametrize("text", THIS_LABEL)
def test_the_checked_labels_names_answer_with_the_label_and_no_company(bundled_index, text):
    outcome = bundled_index.search(text)
    assert outcome.this_label and outcome.other_label is None
    assert outcome.verdict is None and outcome.results == ()


def test_every_spelling_in_the_guide_is_recognised(bundled_index):
    for label in bundled_guide().labels:
        for spelling in label.spellings:
            outcome = bundled_index.search(spelling)
            if label.id == CHECKED_LABEL_ID:
                assert outcome.this_label and outcome.other_label is None, spelling
            else:
                assert outcome.other_label == label.id and not outcome.this_label, spelling


@pytest.mark.parametrize("text", NOT_A_LABEL + LOOK_ALIKES)
def test_partial_or_generic_words_name_no_other_label(bundled_index, text):
    assert bundled_index.search(text).other_label is None


@pytest.mark.parametrize(
    "text",
    [t for t in NOT_A_LABEL + LOOK_ALIKES if t not in THIS_LABEL]
    + ["afrc", "relation client 100%", "100% france", "edf relation client france"],
)
def test_words_and_companies_beside_the_checked_labels_name_are_not_it(bundled_index, text):
    assert not bundled_index.search(text).this_label


def test_no_company_query_names_a_label(bundled_index, bundled_register_raw):
    for company in bundled_register_raw["companies"]:
        typed = [company["name"], company["legal_name"], *company["aliases"], *company["domains"]]
        for text in [t for t in typed if t] + ([company["siren"]] if company["siren"] else []):
            outcome = bundled_index.search(text)
            assert outcome.other_label is None and not outcome.this_label, text
            assert outcome.verdict and outcome.verdict.slug == company["slug"], text


def test_a_company_named_like_a_label_keeps_its_verdict(tmp_path, write_register):
    """Should a brand ever be called like a label, the brand wins: a company query stays one."""

    def alias_maif(raw):
        next(c for c in raw["companies"] if c["slug"] == "maif")["aliases"].append("NF Service")

    build_index(write_register(alias_maif), tmp_path / "index")
    generation = (tmp_path / "index" / "CURRENT").read_text().strip()
    index = SearchIndex(tmp_path / "index" / generation)
    try:
        outcome = index.search("nf service")
        assert (outcome.verdict.slug, outcome.other_label) == ("maif", None)
    finally:
        index.close()


def test_named_label_reads_only_whole_queries():
    assert named_label("ESCDA", designates_a_company=False) == "elu-service-client-de-l-annee"
    assert named_label("ESCDA", designates_a_company=True) is None
    assert named_label("", designates_a_company=False) is None


def test_relation_client_france_row_agrees_with_the_register_label_rules(bundled_register_raw):
    """The guide and the register state the term from the same article: they cannot drift."""
    rules = bundled_register_raw["label_rules"]
    guide = bundled_guide()
    duration = guide.get("relation-client-france").facts["duration"]
    assert rules["term_years"] == 4
    assert [(f.text.fr, f.text.en) for f in duration] == [("Quatre ans.", "Four years.")]
    register_urls = {s["url"] for s in rules["sources"] if s["id"] in rules["term_sources"]}
    assert {guide.source(i).url for f in duration for i in f.sources} == register_urls
