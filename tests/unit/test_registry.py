"""The bundled register is valid, honest (nothing invented) and the loader names every fault."""

from __future__ import annotations

import json

import pytest

from register import RegisterError, load_register, luhn_valid
from register.paths import DEFAULT_REGISTRY_PATH, PROJECT_ROOT

EXPECTED_SLUGS = {
    "boulanger",
    "butagaz",
    "edenred",
    "edf",
    "homeserve",
    "leocare",
    "macif",
    "maif",
    "o2",
    "sanofi",
    "uneo",
}


@pytest.fixture(scope="module")
def register():
    return load_register(DEFAULT_REGISTRY_PATH)


def test_bundled_register_has_exactly_the_eleven_reported_companies(register):
    assert {c.slug for c in register.companies} == EXPECTED_SLUGS


def test_no_certificate_field_is_invented(register):
    for company in register.companies:
        assert company.certificate.number is None, company.slug
        assert company.certificate.issued_on is None, company.slug
        assert company.certificate.valid_until is None, company.slug
        assert company.certificate.issuer is None, company.slug
        assert company.scope is None, company.slug
        assert all(event.date is None for event in company.history), company.slug


def test_unsourced_identifiers_stay_null(register):
    by_slug = {c.slug: c for c in register.companies}
    assert by_slug["homeserve"].siren is None
    assert by_slug["leocare"].siren is None
    assert by_slug["homeserve"].legal_name is None


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


def test_status_rests_on_press_reports_only_and_says_so(register):
    assert all(c.status_is_reported_only for c in register.companies)


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
        raw["companies"][2]["history"][0]["source"] = "nowhere"
        raw["companies"][4]["slug"] = raw["companies"][5]["slug"]

    errors = "\n".join(_fault(write_register, edit))
    assert "record 1 (boulanger): field 'status'" in errors
    assert "record 2 (butagaz): field 'history[1].date'" in errors
    assert "record 3 (edenred): field 'history[1].source'" in errors
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
    assert raw["schema_version"] == 1
