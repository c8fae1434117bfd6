"""What a search amounts to is decided by the search, once: `SearchOutcome.kind`."""

from __future__ import annotations

import json

import pytest

from search_index import OUTCOME_KINDS, SearchIndex, build_index

SHARED_ALIAS = "Mutuelles Réunies"

# One query per kind on the bundled register; "ambiguous" needs two companies sharing a name.
KIND_OF_QUERY = {
    "": "empty",
    "la maif": "verdict",
    "NF 345": "other_label",
    "relation client 100% france": "this_label",
    "service client": "generic_only",
    "maif ou macif": "partial",
    "maif assurance auto": "partial",
    "RCF-2026-0001": "no_certificate",
    "boulangerie": "absent",
    "qwxz": "absent",
}


@pytest.fixture(scope="module")
def shared_alias_index(tmp_path_factory, bundled_register_raw) -> SearchIndex:
    """The bundled register where MAIF and MACIF both answer to one alias."""
    raw = json.loads(json.dumps(bundled_register_raw))
    for company in raw["companies"]:
        if company["slug"] in ("maif", "macif"):
            company["aliases"] = [*(company.get("aliases") or []), SHARED_ALIAS]
    root = tmp_path_factory.mktemp("shared-alias")
    path = root / "register.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    build_index(path, root / "index")
    return SearchIndex(root / "index" / (root / "index" / "CURRENT").read_text().strip())


@pytest.mark.parametrize(("text", "kind"), KIND_OF_QUERY.items())
def test_each_query_has_the_kind_its_results_say(bundled_index, text, kind):
    assert bundled_index.search(text).kind == kind


def test_two_companies_with_the_same_alias_are_ambiguous_not_a_verdict(shared_alias_index):
    outcome = shared_alias_index.search(SHARED_ALIAS)
    assert outcome.kind == "ambiguous"
    assert outcome.verdict is None
    assert {r.slug for r in outcome.results if r.designates} == {"maif", "macif"}


def test_a_designated_company_wins_over_a_label_spelling(bundled_index):
    outcome = bundled_index.search("maif")
    assert (outcome.kind, outcome.verdict.slug, outcome.other_label) == ("verdict", "maif", None)


def test_every_kind_is_listed_and_covered():
    assert set(KIND_OF_QUERY.values()) | {"ambiguous"} == set(OUTCOME_KINDS)


def test_partial_matches_are_the_names_spotted_among_other_words(bundled_index):
    outcome = bundled_index.search("maif ou macif")
    assert {r.slug for r in outcome.partial_matches} == {"maif", "macif"}
    assert all(r.match_type == "partial" for r in outcome.partial_matches)
