"""Reading a raw register into the model, collecting *every* fault before failing.

A maintainer fixing a register wants the whole list, each naming file, record and field,
not one error per run. This module holds what spans the file (its shape and nesting, the
label's rules, unique slugs); each record's fields are read by
register.record_checks, and register.incremental_validation reads only what a change touched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from register import untrusted
from register.model import Company, LabelRules, Register, RegisterError
from register.record_checks import Checker

LABEL_COVERABLE = ("term_years", "exists_from", "requirements", "issuer")


def load_register(path: str | Path, origin: str | Path | None = None) -> Register:
    """Read and validate a register file; raise RegisterError naming file, record and field.

    `origin` names the file in messages when `path` is a private copy of it."""
    path, name = Path(path), str(origin or path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegisterError([f"{name}: cannot read register ({exc})"]) from exc
    try:
        raw = untrusted.loads(text)
    except json.JSONDecodeError as exc:
        raise RegisterError([f"{name}:{exc.lineno}: invalid JSON ({exc.msg})"]) from exc
    except untrusted.NotJson as exc:
        raise RegisterError([f"{name}: {exc}"]) from exc
    del text  # a 100k register's text is 90-170 MB: not kept while the model is built
    return parse_register(raw, origin=name)


def parse_register(raw: Any, origin: str = "<register>") -> Register:
    errors: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("companies"), list):
        raise RegisterError([f"{origin}: expected an object with a 'companies' list"])
    if untrusted.nesting_depth(raw) > untrusted.MAX_DEPTH:
        raise RegisterError([f"{origin}: nested more than {untrusted.MAX_DEPTH} levels deep"])
    label = read_label_rules(raw.get("label_rules"), Checker(f"{origin}: label_rules", errors))
    companies = read_companies(raw["companies"], origin, errors, known={})
    if errors or label is None:
        raise RegisterError(errors)
    return Register(companies=tuple(companies), label=label, raw=raw)


def parse_records(records: list[Any], origin: str = "<register>") -> list[Company]:
    """Some records of a register read into Companies (RegisterError if any is faulty)."""
    errors: list[str] = []
    companies = read_companies(records, origin, errors, known={})
    if errors:
        raise RegisterError(errors)
    return companies


def known_record(record: Any, known: dict[str, Any]) -> bool:
    """Whether `record` equals the record with its slug in `known` (slug → raw record); a
    writer's candidate shares the records it left alone, which compare by identity at once."""
    slug = record.get("slug") if isinstance(record, dict) else None
    if not isinstance(slug, str) or slug not in known:
        return False
    return known[slug] is record or known[slug] == record


def read_companies(
    records: list[Any], origin: str, errors: list[str], known: dict[str, Any]
) -> list[Company]:
    """Each record read into a Company, or its faults appended; a record equal to a `known`
    one (already valid) is not read again and stands for itself by its slug."""
    companies: list[Company] = []
    seen_slugs: dict[str, int] = {}
    for index, record in enumerate(records, start=1):
        where = f"{origin}: record {index}"
        if isinstance(record, dict) and isinstance(record.get("slug"), str):
            where += f" ({untrusted.printable(record['slug'])})"
        if known_record(record, known):
            slug = record["slug"].strip()
        else:
            company = Checker(where, errors).company(record)
            if company is None:
                continue
            companies.append(company)
            slug = company.slug
        if slug in seen_slugs:
            errors.append(f"{where}: field 'slug': duplicate of record {seen_slugs[slug]}")
        seen_slugs.setdefault(slug, index)
    return companies


def read_label_rules(value: Any, check: Checker) -> LabelRules | None:
    """The label's term and earliest grant, with their sources (None after a fault)."""
    if not isinstance(value, dict):
        check.errors.append(f"{check.where}: required object (the label's term and start, sourced)")
        return None
    sources = check.sources(value.get("sources"), LABEL_COVERABLE)
    ids = {s.id for s in sources}
    term = value.get("term_years")
    if not isinstance(term, int) or isinstance(term, bool) or not 1 <= term <= 10:
        check.fail("term_years", "must be a whole number of years from 1 to 10")
        term = 0
    exists_from = check.date(value.get("exists_from"), "exists_from")
    if exists_from is None:
        check.fail("exists_from", "is required: the earliest day the label can have been granted")
    reason, reason_en = check.free_text(value, "exists_from_reason", required=True)
    term_sources = check.cited(value.get("term_sources"), ids, "term_sources")
    start_sources = check.cited(value.get("exists_from_sources"), ids, "exists_from_sources")
    if not term or exists_from is None or reason is None:
        return None
    return LabelRules(
        name=check.text(value, "name", required=True) or "",
        term_years=term,
        term_sources=term_sources,
        exists_from=exists_from,
        exists_from_reason=reason,
        exists_from_reason_en=reason_en,
        exists_from_sources=start_sources,
        sources=sources,
    )
