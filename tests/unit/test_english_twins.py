"""English twins of the register's free text (register.english): complete in the bundled file,
optional in others, and checked exactly like the French they translate."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

import pytest

from register import RegisterError
from register.csv_format import BOM, COLUMNS, DELIMITER, csv_to_register, register_to_csv
from register.english import FREE_TEXT_FIELDS, FREE_TEXT_MAX, twin
from register.findings import evidence_for
from register.validation import parse_register


def missing_twins(raw: Any, path: str = "") -> list[str]:
    """Every free-text field of a raw register without its English twin, as a readable path."""
    missing: list[str] = []
    if isinstance(raw, dict):
        for key, value in raw.items():
            here = f"{path}.{key}" if path else key
            if key in FREE_TEXT_FIELDS and isinstance(value, str) and not raw.get(twin(key)):
                missing.append(here)
            missing += missing_twins(value, here)
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            missing += missing_twins(item, f"{path}[{index}]")
    return missing


def without_twins(raw: Any) -> Any:
    """The register as an upstream file without any English would give it."""
    if isinstance(raw, dict):
        return {k: without_twins(v) for k, v in raw.items() if not k.endswith("_en")}
    if isinstance(raw, list):
        return [without_twins(v) for v in raw]
    return raw


def maif(raw: dict) -> dict:
    return next(c for c in raw["companies"] if c["slug"] == "maif")


def test_the_bundled_register_has_an_english_twin_for_every_free_text_field(
    bundled_register_raw,
):
    assert missing_twins(bundled_register_raw) == []


def test_the_completeness_check_sees_a_missing_twin(bundled_register_raw):
    raw = copy.deepcopy(bundled_register_raw)
    del maif(raw)["sources"][0]["published"]["reason_en"]
    assert len(missing_twins(raw)) == 1
    assert missing_twins(raw)[0].endswith(".sources[0].published.reason")


def test_the_bundled_register_no_longer_sends_readers_to_the_repository(bundled_register_raw):
    notes = [s.get("note") or "" for c in bundled_register_raw["companies"] for s in c["sources"]]
    assert not [note for note in notes if "dépôt" in note]
    assert any("Copie archivée sur ce site." in note for note in notes)


def test_the_model_keeps_every_twin_of_the_file(bundled_register_raw):
    register = parse_register(copy.deepcopy(bundled_register_raw))
    record, company = maif(bundled_register_raw), register.get("maif")
    for raw_source, source in zip(record["sources"], company.sources, strict=True):
        assert source.title_en == raw_source["title_en"]
        assert source.note_en == raw_source["note_en"]
        if isinstance(raw_source.get("published"), dict):
            assert source.published.reason_en == raw_source["published"]["reason_en"]
    rules = bundled_register_raw["label_rules"]
    assert register.label.exists_from_reason_en == rules["exists_from_reason_en"]
    noted = next(c for c in bundled_register_raw["companies"] if c["note"])
    assert register.get(noted["slug"]).note_en == noted["note_en"]
    event_note = next(
        (c["slug"], e["note_en"])
        for c in bundled_register_raw["companies"]
        for e in c["history"]
        if e.get("note")
    )
    assert event_note[1] in [e.note_en for e in register.get(event_note[0]).history]


def test_a_register_without_twins_loads_with_none_in_their_place(bundled_register_raw):
    register = parse_register(without_twins(bundled_register_raw))
    source = register.get("maif").sources[0]
    assert source.note and source.note_en is None and source.title_en is None
    assert source.published.reason and source.published.reason_en is None
    assert register.label.exists_from_reason_en is None


def test_a_derived_event_date_carries_the_english_reason_of_its_stated_bounds(
    bundled_register_raw,
):
    raw = copy.deepcopy(bundled_register_raw)
    stated = {"not_before": "2021-01-01", "not_after": "2021-12-31"}
    maif(raw)["history"][0]["date"] = {**stated, "reason": "En 2021.", "reason_en": "In 2021."}
    register = parse_register(raw)
    evidence = evidence_for(register.get("maif"), register.label)[0]
    assert (evidence.bounds.reason, evidence.bounds.reason_en) == ("En 2021.", "In 2021.")


# (path inside the first company, twin field): one of each kind of free text.
TWINS = {
    "source note": (("sources", 0), "note"),
    "source title": (("sources", 0), "title"),
    "publication reason": (("sources", 0, "published"), "reason"),
}


def _target(raw: dict, path: tuple) -> dict:
    target = maif(raw)
    for key in path:
        target = target[key]
    return target


def _problems(raw: dict) -> list[str]:
    with pytest.raises(RegisterError) as refused:
        parse_register(raw)
    return refused.value.errors


@pytest.mark.parametrize("where", TWINS)
@pytest.mark.parametrize("english", [False, True], ids=["french", "english twin"])
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Lien\x1b[2J effacé", "has a control character"),
        ("Bon \u202eliaf\u202c texte", "has a control character"),
        ("x" * (FREE_TEXT_MAX + 1), f"is longer than {FREE_TEXT_MAX} characters"),
    ],
    ids=["terminal escape", "bidi override", "over-long"],
)
def test_a_twin_is_refused_for_what_its_french_is_refused_for(
    bundled_register_raw, where, english, text, problem
):
    raw = copy.deepcopy(bundled_register_raw)
    path, field = TWINS[where]
    name = twin(field) if english else field
    _target(raw, path)[name] = text
    (error,) = _problems(raw)
    assert f"{name}'" in error and problem in error, error


@pytest.mark.parametrize(
    "edit",
    [
        lambda raw: raw["label_rules"].update(exists_from_reason_en="\x07"),
        lambda raw: maif(raw).update(note="Note.", note_en="\u2066x\u2069"),
        lambda raw: next(e for c in raw["companies"] for e in c["history"] if e.get("note")).update(
            note_en="\x9b31m"
        ),
    ],
    ids=["label start", "company note", "event note"],
)
def test_every_kind_of_twin_is_checked_for_control_characters(bundled_register_raw, edit):
    raw = copy.deepcopy(bundled_register_raw)
    edit(raw)
    (error,) = _problems(raw)
    assert "_en'" in error and "has a control character" in error, error


def test_a_twin_without_its_french_is_refused(bundled_register_raw):
    raw = copy.deepcopy(bundled_register_raw)
    maif(raw).update(note=None, note_en="An English note with no French.")
    (error,) = _problems(raw)
    assert "field 'note_en': is an English twin without its French field 'note'" in error


def test_the_csv_carries_the_english_note_and_reads_files_without_its_column(
    bundled_register_raw,
):
    text = register_to_csv(bundled_register_raw)
    imported = csv_to_register(text)
    noted = next(c for c in bundled_register_raw["companies"] if c["note"])
    assert next(c for c in imported["companies"] if c["slug"] == noted["slug"])["note_en"]
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER))
    older = io.StringIO()  # a file written before the column existed
    kept = COLUMNS.index("note_en")
    csv.writer(older, delimiter=DELIMITER).writerows(row[:kept] for row in rows)
    older_import = csv_to_register(older.getvalue())
    assert len(older_import["companies"]) == len(bundled_register_raw["companies"])
    assert not any("note_en" in c for c in older_import["companies"])
