"""Accepted corrections are part of the model: parsed and checked with their record, cited
sources resolved, and listed by the journal without reading the raw register."""

from __future__ import annotations

import datetime as dt

import pytest

from register import RegisterError, load_register
from register.changelog import corrections, journal


def _change(day: str, field: str, before, after, source: str) -> dict:
    return {"date": day, "field": field, "before": before, "after": after, "source": source}


def _with_changes(raw: dict) -> None:
    maif, edf = raw["companies"][7], raw["companies"][3]
    assert (maif["slug"], edf["slug"]) == ("maif", "edf")
    maif["changes"] = [
        _change("2026-10-02", "aliases", [], ["Mutuelle MAIF"], maif["sources"][0]["id"]),
        _change("2026-11-20", "scope", None, "Relation client", maif["sources"][-1]["id"]),
    ]
    edf["changes"] = [_change("2026-11-20", "domains", ["edf.fr"], None, edf["sources"][0]["id"])]


def test_a_records_changes_are_parsed_into_the_model_with_their_cited_source(write_register):
    register = load_register(write_register(_with_changes))
    maif = register.get("maif")
    assert [(c.position, c.date, c.field) for c in maif.changes] == [
        (1, dt.date(2026, 10, 2), "aliases"),
        (2, dt.date(2026, 11, 20), "scope"),
    ]
    assert (maif.changes[0].before, maif.changes[0].after) == ([], ["Mutuelle MAIF"])
    assert maif.changes[1].source is maif.sources[-1]
    assert register.get("boulanger").changes == ()
    assert [(entry.company.slug, entry.change.field) for entry in corrections(maif)] == [
        ("maif", "aliases"),
        ("maif", "scope"),
    ]


def test_the_journal_lists_every_change_newest_first_same_day_in_register_order(write_register):
    register = load_register(write_register(_with_changes))
    listed = [(entry.company.slug, entry.change.date.isoformat()) for entry in journal(register)]
    assert listed == [("edf", "2026-11-20"), ("maif", "2026-11-20"), ("maif", "2026-10-02")]


def test_every_malformed_change_is_named_by_record_and_position(write_register):
    def edit(raw):
        _with_changes(raw)
        raw["companies"][7]["changes"][0]["date"] = "2 octobre"
        raw["companies"][7]["changes"][1]["source"] = "nulle-part"
        raw["companies"][3]["changes"].append({"date": "2026-11-21"})
        raw["companies"][0]["changes"] = {"not": "a list"}

    with pytest.raises(RegisterError) as caught:
        load_register(write_register(edit))
    errors = "\n".join(caught.value.errors)
    assert "record 8 (maif): field 'changes[1]': date '2 octobre' is not YYYY-MM-DD" in errors
    assert "record 8 (maif): field 'changes[2]': source 'nulle-part' is not a listed" in errors
    assert "record 4 (edf): field 'changes[2]': must have exactly date, field" in errors
    assert "record 1 (boulanger): field 'changes': must be a list" in errors


def test_the_reviewed_entry_stays_available_by_slug_for_the_json_twins(write_register):
    register = load_register(write_register(_with_changes))
    record = register.record("maif")
    assert record["slug"] == "maif" and record["changes"][0]["field"] == "aliases"
    assert "legal_name" in record, "nulls and every key of the reviewed entry are kept"
