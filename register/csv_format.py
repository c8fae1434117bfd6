"""The register as CSV: what /registre.csv exports and what the import script reads back.

One row per company: the reviewed record, then the finding for the export's day (status
code and, beside it, the status in the reader's words, basis, term-end bounds, latest
evidence, identity fields still to verify, the company page's URL), which an import ignores
since statuses are derived, never stored. Chosen for French Excel: UTF-8 with a
byte-order mark and `;` as the separator (Excel in a French locale splits on `;` and reads
a BOM-marked file as UTF-8).
Lists are joined with " | " (a `|` or a backslash inside a value is escaped with a backslash);
certificates (numbered, with their versions), history and sources, which are nested, travel
as JSON in one cell each, so an export re-imports to exactly the same register. Cells a
spreadsheet would run as formulas are exported behind an apostrophe, which the import removes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from register import untrusted
from register.findings import Finding
from register.model import Company

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
    "scope",
    "reviewed_on",
    "note",
    "certificates_json",
    "history_json",
    "sources_json",
    "note_en",  # the note's English twin (register.english), after the older columns
)
# Columns a file may lack: it was written before they existed, or has no English twins.
OPTIONAL_COLUMNS = ("note_en",)
FINDING_COLUMNS = (
    "as_of",
    "status",
    "status_words",
    "basis",
    "term_end_not_before",
    "term_end_not_after",
    "latest_evidence",
    "identity_to_verify",
    "page_url",
)
_LIST_COLUMNS = ("aliases", "domains")
# What makes Excel, LibreOffice or Sheets read a cell as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The csv module's own limit on a cell, kept: a longer cell is refused with its line.
CELL_LIMIT = csv.field_size_limit()
_JSON_COLUMNS = {
    "certificates_json": "certificates",
    "history_json": "history",
    "sources_json": "sources",
}


class CsvFormatError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


# (company, finding) -> (the status in the reader's words, the company page's URL): the web
# layer's wording and URLs, which this Flask-free module cannot build itself.
Reading = Callable[[Company, Finding], tuple[str, str]]


def register_to_csv(
    raw: dict[str, Any],
    findings: Iterable[tuple[Company, Finding]] | None = None,
    reading: Reading | None = None,
) -> str:
    """Serialise a raw register dict (as loaded from JSON) to CSV text, BOM included; given
    each company's finding for a day (as the caller already holds them), each row also
    carries it, in words and with the page's URL when `reading` is given."""
    answers = {company.slug: (company, finding) for company, finding in findings or ()}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS + (FINDING_COLUMNS if findings is not None else ()))
    for record in raw["companies"]:
        row = [_cell(record, column) for column in COLUMNS]
        if findings is not None:
            company, finding = answers[record["slug"]]
            words, url = reading(company, finding) if reading else ("", "")
            row += _finding_cells(finding, company, words, url)
        writer.writerow([_neutralised(cell) for cell in row])
    return BOM + out.getvalue()


def _finding_cells(finding: Finding, company: Company, words: str, url: str) -> list[str]:
    end = finding.term_end
    return [
        finding.date.isoformat(),
        finding.status,
        words,
        finding.basis,
        end.earliest.isoformat() if end and end.earliest else "",
        end.latest.isoformat() if end and end.latest else "",
        finding.latest_evidence.isoformat() if finding.latest_evidence else "",
        _join(list(company.identity_to_verify)),
        url,
    ]


def csv_to_register(text: str) -> dict[str, Any]:
    """Parse CSV text back to a raw register dict; errors name the CSV line and column."""
    reader = csv.DictReader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER)
    given = reader.fieldnames or ()
    missing = [c for c in COLUMNS if c not in given and c not in OPTIONAL_COLUMNS]
    if missing:
        raise CsvFormatError([f"line 1: missing columns: {', '.join(missing)}"])
    companies, errors = [], []
    try:
        for row in reader:
            companies.append(_record(row, reader.line_num, errors, given))
    except csv.Error as exc:
        errors.append(unreadable_line(reader.line_num + 1, exc))
    if errors:
        raise CsvFormatError(errors)
    return {"schema_version": 2, "companies": companies}


def unreadable_line(line: int, exc: csv.Error) -> str:
    """A row the csv module cannot read at all (e.g. a cell over its size limit)."""
    return f"line {line}: unreadable CSV ({exc}); cells are limited to {CELL_LIMIT} characters"


def _record(
    row: dict[str, str], line: int, errors: list[str], given: Sequence[str]
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column in (c for c in COLUMNS if c in given):
        value = (row.get(column) or "").strip()
        try:
            _set(record, column, _restored(value))
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            errors.append(f"line {line}: column '{column}': invalid JSON ({reason})")
    return record


def _neutralised(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice);
    so does one that already starts with an apostrophe, so import can tell the two apart."""
    return "'" + cell if cell.startswith(FORMULA_STARTS + ("'",)) else cell


def _restored(cell: str) -> str:
    """Undo `_neutralised`: an apostrophe followed by what it protected is removed."""
    return cell[1:] if cell[:1] == "'" and cell[1:2].startswith(FORMULA_STARTS + ("'",)) else cell


def _join(values: list[str]) -> str:
    """List cells: a `|` or a backslash inside a value is escaped with a backslash."""
    escaped = (v.replace("\\", "\\\\").replace("|", "\\|") for v in values)
    return LIST_SEPARATOR.join(escaped)


def _split(cell: str) -> list[str]:
    """Undo `_join`: split on unescaped `|` only."""
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def _cell(record: dict[str, Any], column: str) -> str:
    if column in _LIST_COLUMNS:
        return _join(record.get(column) or [])
    elif column in _JSON_COLUMNS:
        return json.dumps(record.get(_JSON_COLUMNS[column]) or [], ensure_ascii=False)
    else:
        value = record.get(column)
    return "" if value is None else str(value)


def _set(record: dict[str, Any], column: str, value: str) -> None:
    if column in _LIST_COLUMNS:
        record[column] = _split(value)
    elif column in _JSON_COLUMNS:
        record[_JSON_COLUMNS[column]] = untrusted.loads(value) if value else []
    elif column in OPTIONAL_COLUMNS:  # an English twin not written is left out, as in JSON
        if value:
            record[column] = value
    else:
        record[column] = value or None
