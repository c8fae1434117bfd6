"""The register as CSV: what /registre.csv exports and what the import script reads back.

One row per company. Chosen for French Excel: UTF-8 with a byte-order mark and `;` as the
separator (Excel in a French locale splits on `;` and reads a BOM-marked file as UTF-8).
Lists are joined with " | "; history and sources, which are nested, travel as JSON in one
cell each, so an export re-imports to exactly the same register.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

DELIMITER = ";"
BOM = "\ufeff"
LIST_SEPARATOR = " | "
COLUMNS = (
    "slug",
    "name",
    "legal_name",
    "aliases",
    "domains",
    "siren",
    "status",
    "certificate_number",
    "certificate_issuer",
    "certificate_issued_on",
    "certificate_valid_until",
    "scope",
    "last_checked",
    "note",
    "history_json",
    "sources_json",
)
_CERTIFICATE_COLUMNS = {
    "certificate_number": "number",
    "certificate_issuer": "issuer",
    "certificate_issued_on": "issued_on",
    "certificate_valid_until": "valid_until",
}
_LIST_COLUMNS = ("aliases", "domains")
_JSON_COLUMNS = {"history_json": "history", "sources_json": "sources"}


class CsvFormatError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def register_to_csv(raw: dict[str, Any]) -> str:
    """Serialise a raw register dict (as loaded from JSON) to CSV text, BOM included."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in raw["companies"]:
        writer.writerow([_cell(record, column) for column in COLUMNS])
    return BOM + out.getvalue()


def csv_to_register(text: str) -> dict[str, Any]:
    """Parse CSV text back to a raw register dict; errors name the CSV line and column."""
    reader = csv.DictReader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise CsvFormatError([f"line 1: missing columns: {', '.join(missing)}"])
    companies, errors = [], []
    for row in reader:
        record: dict[str, Any] = {}
        for column in COLUMNS:
            value = (row.get(column) or "").strip()
            try:
                _set(record, column, value)
            except json.JSONDecodeError as exc:
                errors.append(
                    f"line {reader.line_num}: column '{column}': invalid JSON ({exc.msg})"
                )
        companies.append(record)
    if errors:
        raise CsvFormatError(errors)
    return {"schema_version": 1, "label": "Relation Client France", "companies": companies}


def _cell(record: dict[str, Any], column: str) -> str:
    if column in _CERTIFICATE_COLUMNS:
        value = (record.get("certificate") or {}).get(_CERTIFICATE_COLUMNS[column])
    elif column in _LIST_COLUMNS:
        return LIST_SEPARATOR.join(record.get(column) or [])
    elif column in _JSON_COLUMNS:
        return json.dumps(record.get(_JSON_COLUMNS[column]) or [], ensure_ascii=False)
    else:
        value = record.get(column)
    return "" if value is None else str(value)


def _set(record: dict[str, Any], column: str, value: str) -> None:
    if column in _CERTIFICATE_COLUMNS:
        record.setdefault("certificate", {})[_CERTIFICATE_COLUMNS[column]] = value or None
    elif column in _LIST_COLUMNS:
        record[column] = [v.strip() for v in value.split("|") if v.strip()]
    elif column in _JSON_COLUMNS:
        record[_JSON_COLUMNS[column]] = json.loads(value) if value else []
    else:
        record[column] = value or None
