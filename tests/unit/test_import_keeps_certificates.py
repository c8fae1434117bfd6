"""An upstream import never erases what a certifier published through the API."""

from __future__ import annotations

import copy
import datetime as dt

from register import find, parse_register
from register.certifier_writes import keep_certifier_writes
from register.importing import prepare
from register.source import Incoming
from tests.support.certificates import certificate_record, with_certificates

TODAY = dt.date(2026, 11, 30)
RECORD = certificate_record(
    number="RCF-2026-0042", issued_on="2026-01-15", valid_until="2027-01-14"
)


def published(raw: dict) -> dict:
    return with_certificates(raw, [RECORD], "AFNOR Certification", TODAY)


def maif(raw: dict) -> dict:
    return next(r for r in raw["companies"] if r["slug"] == "maif")


def test_an_upstream_file_without_certificates_keeps_the_published_one(bundled_register_raw):
    current = published(bundled_register_raw)
    upstream = Incoming(copy.deepcopy(bundled_register_raw), "upstream", "json")
    candidate, kept = prepare(upstream, current, TODAY + dt.timedelta(days=1))
    assert kept == 1
    assert [c["number"] for c in maif(candidate)["certificates"]] == ["RCF-2026-0042"]
    assert any(s.get("publisher") == "AFNOR Certification" for s in maif(candidate)["sources"])
    assert [e["field"] for e in maif(candidate)["changes"]] == ["certificates"], "journal kept"
    register = parse_register(candidate, origin="test")
    finding = find(register.get("maif"), TODAY, register.label)
    assert finding.status == "certified"


def test_a_file_holding_the_same_number_is_not_doubled(bundled_register_raw):
    current = published(bundled_register_raw)
    assert keep_certifier_writes(current, copy.deepcopy(current)) == 0
    assert keep_certifier_writes(current, copy.deepcopy(bundled_register_raw)) == 1
