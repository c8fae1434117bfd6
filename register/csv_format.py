"""The register as CSV: what /registre.csv exports and what the import script reads back.

One row per company: the reviewed record, then the finding for the export's day (status,
basis, term-end bounds, latest evidence, identity fields still to verify), which an import
ignores since statuses are derived, never stored. Chosen for French Excel: UTF-8 with a
byte-order mark and `;` as the separator (Excel in a French locale splits on `;` and reads
a BOM-marked file as UTF-8).
Lists are joined with " | "; history and sources, which are nested, travel as JSON in one
cell each, so an export re-imports to exactly the same register.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from register.findings import Finding, find
from register.model import Company, Register

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
    "certificate_number",
    "certificate_issuer",
    "certificate_issued_on",
    "certificate_valid_until",
    "scope",
    "reviewed_on",
    "note",
    "history_json",
    "sources_json",
)
FINDING_COLUMNS = (
    "as_of",
    "status",
    "basis",
    "term_end_not_before",
    "term_end_not_after",
    "latest_evidence",
    "identity_to_verify",
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


def register_to_csv(
    raw: dict[str, Any], register: Register | None = None, day: dt.date | None = None
) -> str:
    """Serialise a raw register dict (as loaded from JSON) to CSV text, BOM included; given
    the validated `register` and a `day`, each row also carries that day's finding."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS + (FINDING_COLUMNS if register is not None else ()))
    for record in raw["companies"]:
        row = [_cell(record, column) for column in COLUMNS]
        if register is not None:
            company = register.get(record["slug"])
            assert company is not None
            assert day is not None
            row += _finding_cells(find(company, day, register.label), company)
        writer.writerow(row)
    return BOM + out.getvalue()


def _finding_cells(finding: Finding, company: Company) -> list[str]:
    end = finding.term_end
    return [
        finding.date.isoformat(),
        finding.status,
        finding.basis,
        end.earliest.isoformat() if end and end.earliest else "",
        end.latest.isoformat() if end and end.latest else "",
        finding.latest_evidence.isoformat() if finding.latest_evidence else "",
        LIST_SEPARATOR.join(company.identity_to_verify),
    ]


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
    return {"schema_version": 2, "companies": companies}


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
