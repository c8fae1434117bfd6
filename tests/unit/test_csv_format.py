"""The CSV form of the register round-trips to the same register."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from register import find, load_register, parse_register
from register.csv_format import (
    BOM,
    COLUMNS,
    DELIMITER,
    CsvFormatError,
    csv_to_register,
    register_to_csv,
)
from register.paths import DEFAULT_REGISTRY_PATH


def test_export_then_import_gives_the_same_register():
    register = load_register(DEFAULT_REGISTRY_PATH)
    imported = csv_to_register(register_to_csv(register.raw))
    again = parse_register({**imported, "label_rules": register.raw["label_rules"]})
    assert again.companies == register.companies


def test_the_export_adds_today_s_finding_columns_which_an_import_ignores():
    register = load_register(DEFAULT_REGISTRY_PATH)
    day = dt.date(2026, 11, 29)
    findings = [(c, find(c, day, register.label)) for c in register.companies]
    text = register_to_csv(register.raw, findings)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER))
    maif = next(r for r in rows if r["slug"] == "maif")
    assert (maif["as_of"], maif["status"], maif["basis"]) == ("2026-11-29", "unconfirmed", "press")
    assert (maif["term_end_not_before"], maif["term_end_not_after"]) == ("2024-12-01", "2026-05-20")
    assert maif["latest_evidence"] == "2022-05-20"
    assert maif["identity_to_verify"] == "legal_name | siren | domains"
    assert "status" not in csv_to_register(text)["companies"][0]


def test_csv_is_excel_friendly_and_has_one_row_per_company(bundled_register_raw):
    text = register_to_csv(bundled_register_raw)
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(bundled_register_raw["companies"])


def test_bad_json_cell_names_line_and_column(bundled_register_raw):
    lines = register_to_csv(bundled_register_raw).splitlines()
    lines[2] = lines[2].replace('[{""event""', '[{""event', 1)
    with pytest.raises(CsvFormatError) as caught:
        csv_to_register("\n".join(lines))
    assert caught.value.errors[0].startswith("line 3: column 'history_json'")


def test_missing_columns_are_reported():
    with pytest.raises(CsvFormatError, match="missing columns"):
        csv_to_register("slug;name\nx;y\n")


FORMULA_LIKE = {
    "name": '=HYPERLINK("https://evil.example";"MAIF")',
    "legal_name": "+33 1 23 45 67 89",
    "scope": "-1+1",
    "note": "@SUM(A1:A9)",
    "aliases": ["=1+1", "A|B", "C \\ D", "'déjà cité", "''", "-"],
}


def with_formula_like_values(raw: dict) -> dict:
    raw = {**raw, "companies": [dict(c) for c in raw["companies"]]}
    raw["companies"][0].update(FORMULA_LIKE)
    return raw


def test_formula_cells_are_neutralised_on_export_and_restored_on_import(bundled_register_raw):
    raw = with_formula_like_values(bundled_register_raw)
    text = register_to_csv(raw)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    again = csv_to_register(text)["companies"][0]
    for field, value in FORMULA_LIKE.items():
        assert again[field] == value, field


def test_list_separators_inside_values_round_trip(bundled_register_raw):
    raw = with_formula_like_values(bundled_register_raw)
    imported = csv_to_register(register_to_csv(raw))
    again = parse_register({**imported, "label_rules": raw["label_rules"]})
    assert again.companies[0].aliases == tuple(FORMULA_LIKE["aliases"])
    assert again.companies == parse_register(raw).companies
