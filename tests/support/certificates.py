"""A certifier's record for MAIF, and a register with records applied, as the certificate tests
write them: one picture of "MAIF holds certificate RCF-2026-0001", changed only where a test
is about the change (another number, a suspension, a later end)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from register.certificates import apply_certificates

PUBLISHED_ON = dt.date(2026, 11, 30)


def certificate_record(**changes: Any) -> dict[str, Any]:
    """The record a certifier sends for MAIF: active from 5 January 2026 to 4 January 2030;
    `changes` replace or add fields, and a field given as `...` is left out."""
    record = {
        "number": "RCF-2026-0001",
        "company": {"slug": "maif"},
        "status": "active",
        "issued_on": "2026-01-05",
        "valid_until": "2030-01-04",
        **changes,
    }
    return {name: value for name, value in record.items() if value is not ...}


def with_certificates(
    raw: dict[str, Any], records: list[dict], publisher: str, day: dt.date = PUBLISHED_ON
) -> dict[str, Any]:
    """`raw` with `records` published by `publisher` on `day`; a refused batch fails the test."""
    batch = apply_certificates(raw, records, publisher, day)
    assert batch.errors == [], batch.errors
    return batch.candidate
