"""The CSV form of the register round-trips to the same register."""

from __future__ import annotations

import csv
import io

import pytest

from register import load_register
from register.csv_format import (
    BOM,
    COLUMNS,
    DELIMITER,
    CsvFormatError,
    csv_to_register,
    register_to_csv,
)
from register.model import parse_register
from register.paths import DEFAULT_REGISTRY_PATH


def test_export_then_import_gives_the_same_register():
    register = load_register(DEFAULT_REGISTRY_PATH)
    again = parse_register(csv_to_register(register_to_csv(register.raw)))
    assert again.companies == register.companies


def test_csv_is_excel_friendly_and_has_one_row_per_company(bundled_register_raw):
    text = register_to_csv(bundled_register_raw)
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(bundled_register_raw["companies"])


def test_bad_json_cell_names_line_and_column(bundled_register_raw):
    lines = register_to_csv(bundled_register_raw).splitlines()
    lines[2] = lines[2].replace('[{""date""', '[{""date', 1)
    with pytest.raises(CsvFormatError) as caught:
        csv_to_register("\n".join(lines))
    assert caught.value.errors[0].startswith("line 3: column 'history_json'")


def test_missing_columns_are_reported():
    with pytest.raises(CsvFormatError, match="missing columns"):
        csv_to_register("slug;name\nx;y\n")
