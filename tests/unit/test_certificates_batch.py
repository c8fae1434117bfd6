"""A certifier's batch: all or nothing, one readable message per bad record and field, and a
changed record appended as a new version, never an overwrite."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from register import load_register, parse_register
from register.certificates import apply_certificates
from register.paths import DEFAULT_REGISTRY_PATH
from tests.support.certificates import certificate_record

TODAY = dt.date(2026, 11, 30)
AFNOR = "Organisme certificateur de test"


@pytest.fixture(scope="module")
def raw():
    return load_register(DEFAULT_REGISTRY_PATH).raw


def record(**changes) -> dict:
    """MAIF's record, designated by its SIREN, with a scope."""
    defaults = {"company": {"siren": "775709702"}, "scope": "Service client à distance"}
    return certificate_record(**{**defaults, **changes})


def errors_of(raw, records, publisher=AFNOR):
    batch = apply_certificates(raw, records, publisher, TODAY)
    assert batch.candidate is None and batch.results == [], "nothing is applied"
    return {(e["index"], e["field"]): e["message"] for e in batch.errors}


def test_a_new_certificate_is_created_on_its_company_with_a_dated_certifier_source(raw):
    before = json.dumps(raw, sort_keys=True)
    batch = apply_certificates(raw, [record()], AFNOR, TODAY)
    assert batch.errors == [] and batch.changed
    assert batch.results == [{"number": "RCF-2026-0001", "company": "maif", "result": "created"}]
    assert json.dumps(raw, sort_keys=True) == before, "the current register is never touched"
    register = parse_register(batch.candidate)
    (certificate,) = register.get("maif").certificates
    (version,) = certificate.versions
    assert (version.status, version.issuer, version.published_on) == ("active", AFNOR, TODAY)
    assert version.source.kind == "certifier" and version.source.publisher == AFNOR
    assert version.source.published.exact == TODAY
    assert register.by_certificate("rcf 2026 0001") == (register.get("maif"), certificate)


def test_the_same_record_again_is_unchanged_and_a_changed_one_is_a_new_version(raw):
    first = apply_certificates(raw, [record()], AFNOR, TODAY).candidate
    again = apply_certificates(first, [record(number="rcf-2026-0001")], AFNOR, TODAY)
    assert again.results[0]["result"] == "unchanged" and not again.changed
    later = TODAY + dt.timedelta(days=3)
    suspended = record(status="suspended", status_since="2026-12-01")
    batch = apply_certificates(first, [suspended], AFNOR, later)
    assert batch.results[0] == {"number": "RCF-2026-0001", "company": "maif", "result": "updated"}
    (certificate,) = parse_register(batch.candidate).get("maif").certificates
    assert [v.status for v in certificate.versions] == ["active", "suspended"]
    assert [v.published_on for v in certificate.versions] == [TODAY, later]
    assert [v.source.id for v in certificate.versions][0] != certificate.versions[1].source.id


def test_each_write_is_logged_for_the_journal_with_its_certifier_source(raw):
    candidate = apply_certificates(raw, [record()], AFNOR, TODAY).candidate
    maif = next(r for r in candidate["companies"] if r["slug"] == "maif")
    (entry,) = maif["changes"]
    assert entry["field"] == "certificates" and entry["before"] is None
    assert entry["after"]["number"] == "RCF-2026-0001" and entry["date"] == "2026-11-30"
    assert entry["after"]["basis"] == "certificate", "the certifier's word, not a claim"
    source = next(s for s in maif["sources"] if s["id"] == entry["source"])
    assert source["publisher"] == AFNOR


def test_a_company_named_in_the_record_is_added_once_for_two_certificates(raw):
    new = {"siren": "123456782", "name": "Entreprise Nouvelle", "domain": "Nouvelle.example"}
    records = [record(company=new), record(number="RCF-2026-0002", company={"siren": "123456782"})]
    batch = apply_certificates(raw, records, AFNOR, TODAY)
    assert batch.errors == []
    assert [r["company"] for r in batch.results] == ["entreprise-nouvelle"] * 2
    company = parse_register(batch.candidate).get("entreprise-nouvelle")
    assert company.domains == ("nouvelle.example",) and len(company.certificates) == 2
    assert len(batch.candidate["companies"]) == len(raw["companies"]) + 1


def test_one_bad_record_applies_nothing(raw):
    found = errors_of(raw, [record(), record(number="RCF-2", valid_until="2025-01-01")])
    assert found == {(1, "valid_until"): "is before issued_on"}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"number": 42}, "number", "is required, as text"),
        ({"number": "RCF--1"}, "number", "letters and digits"),
        ({"number": "ABC-DEF"}, "number", "at least one digit"),
        ({"number": "R" * 65 + "1"}, "number", "longer than 64"),
        ({"number": "\u202eRCF-1"}, "number", "letters and digits"),
        ({"company": "maif"}, "company", "must be an object"),
        ({"company": {}}, "company", "needs 'siren' or 'slug'"),
        ({"company": {"siren": "775709703"}}, "company.siren", "valid check digit"),
        ({"company": {"siren": 775709702}}, "company.siren", "valid check digit"),
        ({"company": {"slug": "Maif!"}}, "company.slug", "lower-case"),
        ({"company": {"slug": "inconnue"}}, "company.slug", "add 'name'"),
        ({"company": {"siren": "123456782"}}, "company.siren", "no company with SIREN"),
        ({"company": {"slug": "maif", "siren": "552081317"}}, "company", "different companies"),
        ({"company": {"slug": "maif", "colour": "red"}}, "company.colour", "unknown field"),
        ({"company": {"siren": "123456782", "name": "X\x1b[2J"}}, "company.name", "control"),
        ({"company": {"siren": "123456782", "name": "A" * 201}}, "company.name", "200"),
        ({"company": {"siren": "123456782", "name": "MAIF"}}, "company.name", "already"),
        (
            {"company": {"siren": "123456782", "name": "N", "domain": "x"}},
            "company.domain",
            "domain name",
        ),  # fmt: skip
        ({"status": "revoked"}, "status", "must be one of active"),
        ({"status": None}, "status", "must be one of active"),
        ({"issued_on": "05/01/2026"}, "issued_on", "YYYY-MM-DD"),
        ({"issued_on": 20260105}, "issued_on", "YYYY-MM-DD"),
        ({"issued_on": ...}, "issued_on", "is required"),
        ({"valid_until": ...}, "valid_until", "is required"),
        ({"issued_on": "2026-12-01", "valid_until": "2030-01-01"}, "issued_on", "future"),
        ({"valid_until": "9999-12-31"}, "valid_until", "ten years"),
        ({"valid_until": "2025-12-31"}, "valid_until", "before issued_on"),
        ({"status": "suspended"}, "status_since", "required when the status is 'suspended'"),
        ({"status": "withdrawn", "status_since": "2026-12-01"}, "status_since", "future"),
        ({"status": "withdrawn", "status_since": "2025-01-01"}, "status_since", "before issued"),
        ({"status": "suspended", "status_since": "1 mars"}, "status_since", "YYYY-MM-DD"),
        ({"scope": "S" * 501}, "scope", "500"),
        ({"scope": "périmètre\u2066caché"}, "scope", "bidirectional"),
        ({"scope": 3}, "scope", "non-empty text"),
        ({"valid": True}, "valid", "unknown field"),
    ],
)
def test_each_bad_input_is_named_by_record_and_field(raw, changes, field, words):
    found = errors_of(raw, [record(number="RCF-OK-1"), record(**changes)])
    assert field in {f for i, f in found if i == 1}, found
    assert words in found[(1, field)]
    assert all(i == 1 for i, _ in found), "the good record is not blamed"


def test_a_record_that_is_not_an_object_and_a_batch_that_is_not_a_list(raw):
    assert errors_of(raw, ["RCF-1"]) == {(0, None): "must be an object"}
    assert errors_of(raw, {"number": "RCF-1"}) == {
        (None, None): "must be a non-empty list of certificate records"
    }
    assert errors_of(raw, []) == {(None, None): "must be a non-empty list of certificate records"}


def test_a_number_sent_twice_in_one_batch_is_refused_on_the_second(raw):
    found = errors_of(raw, [record(), record(number="rcf 2026 0001".replace(" ", "-"))])
    assert found == {(1, "number"): "'rcf-2026-0001' is also in record 0 of this batch"}


def test_a_number_cannot_move_to_another_company_or_change_hands(raw):
    first = apply_certificates(raw, [record()], AFNOR, TODAY).candidate
    moved = errors_of(first, [record(company={"slug": "edf"})])
    assert "is the certificate of 'maif'" in moved[(0, "number")]
    other = errors_of(first, [record(status="withdrawn", status_since="2026-11-30")], "Autre")
    assert "published by another certifier" in other[(0, "number")]


def test_messages_never_replay_control_characters(raw):
    found = errors_of(raw, [record(number="\x1b[31mRCF-1", scope="\x1b[2J")])
    assert not any("\x1b" in message for message in found.values())


def test_the_candidate_shares_unchanged_records_and_copies_changed_ones(raw):
    current = copy.deepcopy(raw)
    candidate = apply_certificates(current, [record()], AFNOR, TODAY).candidate
    pairs = zip(current["companies"], candidate["companies"], strict=True)
    shared = [old is new for old, new in pairs]
    assert shared.count(False) == 1
    maif = next(r for r in current["companies"] if r["slug"] == "maif")
    assert maif["certificates"] == [] and "changes" not in maif
