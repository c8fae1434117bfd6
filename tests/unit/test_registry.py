"""The bundled register is valid, honest (nothing invented) and the loader names every fault."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from register import RegisterError, load_register, luhn_valid
from register.paths import DEFAULT_REGISTRY_PATH, PROJECT_ROOT
from tests.support.bundled_register import NAMED_BY_THE_AFRC, REPORTED_2021_2022


@pytest.fixture(scope="module")
def register():
    return load_register(DEFAULT_REGISTRY_PATH)


def test_bundled_register_has_exactly_the_companies_its_sources_name(register):
    assert {c.slug for c in register.companies} == REPORTED_2021_2022 | NAMED_BY_THE_AFRC
    assert len(REPORTED_2021_2022) == 11
    assert len(NAMED_BY_THE_AFRC - REPORTED_2021_2022) == 3


def test_no_certificate_field_is_invented(register):
    for company in register.companies:
        assert company.certificates == (), company.slug
        assert company.scope is None, company.slug
        assert all(event.date is None for event in company.history), company.slug


def test_unsourced_identifiers_stay_null(register):
    by_slug = {c.slug: c for c in register.companies}
    assert by_slug["leocare"].siren is None
    assert by_slug["leocare"].legal_name is None
    for slug in NAMED_BY_THE_AFRC - REPORTED_2021_2022:
        assert by_slug[slug].siren is None, slug


def test_new_companies_carry_their_aliases_and_domains_to_verify(register):
    expected = {
        "leroy-merlin": (("Leroy-Merlin", "leroymerlin"), ("leroymerlin.fr",)),
        "dhl": (("DHL Express",), ("dhl.fr", "dhl.com")),
        "gaz-de-bordeaux": (("GDB",), ("gazdebordeaux.fr",)),
    }
    for slug, (aliases, domains) in expected.items():
        company = register.get(slug)
        assert (company.aliases, company.domains) == (aliases, domains)
        assert company.identity_to_verify == ("legal_name", "domains")


def test_homeserve_identity_comes_from_its_own_terms_of_sale(register):
    homeserve = register.get("homeserve")
    assert (homeserve.siren, homeserve.legal_name) == ("438424384", "HOMESERVE")
    cgv = homeserve.source("homeserve-cgv")
    assert cgv.url == "https://depannetmoi.homeserve.fr/cgv" and not cgv.to_verify
    assert {"siren", "legal_name"} <= set(cgv.covers)
    assert homeserve.identity_to_verify == ("domains",)


def test_identity_from_general_knowledge_is_flagged_to_verify(register):
    for company in register.companies:
        if company.slug == "homeserve":
            continue
        filled = tuple(f for f in ("legal_name", "siren", "domains") if getattr(company, f))
        assert company.identity_to_verify == filled, company.slug


def test_both_articles_have_exact_urls_and_publication_bounds(register):
    maif = register.get("maif")
    seed, sfam = maif.source("article-presse-rcf"), maif.source("sfam-magazine")
    assert (
        seed.url == "https://refrance.fr/relation-client-france-label-relocaliser-centres-appels/"
    )
    assert (
        sfam.url
        == "https://magazine.sfam.eu/nouvelle-certification-relation-client-made-in-france/"
    )
    assert (str(seed.published.earliest), str(seed.published.latest)) == (
        "2021-01-01",
        "2022-05-20",
    )
    assert (str(sfam.published.earliest), sfam.published.latest) == ("2021-06-01", None)
    assert seed.published.reason and sfam.published.reason


def test_label_rules_are_sourced_data(register):
    rules = register.label
    assert (rules.term_years, str(rules.exists_from)) == (4, "2020-12-01")
    assert rules.term_sources == ("article-presse-rcf",)
    assert set(rules.exists_from_sources) == {"article-presse-rcf", "sfam-magazine"}


def test_every_field_with_a_value_is_covered_by_a_source(register):
    for company in register.companies:
        covered = {field for source in company.sources for field in source.covers}
        assert {"name", "status"} <= covered, company.slug
        if company.siren:
            assert "siren" in covered, company.slug
        if company.domains:
            assert "domains" in covered, company.slug
        if company.legal_name:
            assert "legal_name" in covered, company.slug


def test_each_report_is_one_certification_event_backed_by_its_articles(register):
    for company in register.companies:
        sources = [event.sources for event in company.history]
        expected = []
        if company.slug in REPORTED_2021_2022:
            expected.append(("article-presse-rcf", "sfam-magazine"))
        if company.slug in NAMED_BY_THE_AFRC:
            expected.append(("gazette-france-afrc",))
        assert sources == expected, company.slug
        for event in company.history:
            assert event.event == "certified" and event.date is None
            assert all(company.source(s).kind == "press" for s in event.sources)


def test_the_interview_is_dated_on_or_after_june_2021_without_upper_bound(register):
    for slug in NAMED_BY_THE_AFRC:
        interview = register.get(slug).source("gazette-france-afrc")
        assert (
            interview.url
            == "https://lagazettefrance.fr/article/l-experience-client-produit-de-la-valeur"
        )
        assert (interview.published.earliest, interview.published.latest) == (
            dt.date(2021, 6, 1),
            None,
        )
        assert interview.published.reason


def test_the_trade_column_is_a_bounded_mention_only(register):
    holders = {
        c.slug for c in register.companies if any(s.id == "en-contact-chronique" for s in c.sources)
    }
    assert holders == {"macif", "edenred", "maif", "edf"}
    column = register.get("maif").source("en-contact-chronique")
    assert column.covers == ("mention",)
    assert (column.published.earliest, column.published.latest) == (
        dt.date(2022, 1, 1),
        dt.date(2023, 12, 31),
    )


def test_a_mention_cannot_back_an_event(write_register):
    def edit(raw):
        maif = raw["companies"][7]
        maif["history"][0]["sources"].append("en-contact-chronique")

    errors = _fault(write_register, edit)
    assert "record 8 (maif): field 'history[1].sources'" in errors[0]
    assert "supports no status" in errors[0]


def test_file_sources_exist_in_the_repository(register):
    for company in register.companies:
        for source in company.sources:
            if source.file:
                assert (PROJECT_ROOT / source.file).is_file(), source.file


def test_luhn_accepts_real_sirens_and_rejects_typos():
    assert luhn_valid("552081317")
    assert not luhn_valid("552081318")
    assert not luhn_valid("55208131a")


def _fault(write_register, edit) -> list[str]:
    with pytest.raises(RegisterError) as caught:
        load_register(write_register(edit))
    return caught.value.errors


def test_bad_siren_is_reported_with_file_record_and_field(write_register):
    def edit(raw):
        raw["companies"][3]["siren"] = "552081318"

    errors = _fault(write_register, edit)
    assert len(errors) == 1
    assert "register.json" in errors[0]
    assert "record 4 (edf)" in errors[0]
    assert "field 'siren'" in errors[0]


def test_every_error_is_listed_not_only_the_first(write_register):
    def edit(raw):
        raw["companies"][0]["status"] = "great"
        raw["companies"][1]["history"][0]["date"] = "2021-13-45"
        raw["companies"][2]["history"][0]["sources"] = ["nowhere"]
        raw["companies"][4]["slug"] = raw["companies"][5]["slug"]

    errors = "\n".join(_fault(write_register, edit))
    assert "record 1 (boulanger): field 'status'" in errors
    assert "record 2 (butagaz): field 'history[1].date'" in errors
    assert "record 3 (edenred): field 'history[1].sources'" in errors
    assert "field 'slug': duplicate of record 5" in errors


def test_record_without_sources_is_rejected(write_register):
    def edit(raw):
        raw["companies"][0]["sources"] = []

    assert "every record needs a source" in _fault(write_register, edit)[0]


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"companies": [\n  {"slug": "x",}\n]}', encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    assert "broken.json:2" in str(caught.value)


def test_register_file_is_plain_reviewable_json():
    raw = json.loads(PROJECT_ROOT.joinpath(DEFAULT_REGISTRY_PATH).read_text(encoding="utf-8"))
    assert raw["schema_version"] == 2


def test_a_company_register_source_must_say_when_it_was_consulted(write_register):
    def edit(raw):
        source = next(s for s in raw["companies"][0]["sources"] if s["id"] == "registre-public")
        source["to_verify"] = False

    assert "field 'sources[3].accessed'" in _fault(write_register, edit)[0]
