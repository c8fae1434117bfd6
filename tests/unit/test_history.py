"""As-of answers from history, on a fictional fixture register with dated events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from register import load_register
from register.history import parse_date, status_on, timeline

FIXTURE = Path(__file__).parent.parent / "support" / "fixtures" / "register-dated-history.json"


@pytest.fixture(scope="module")
def dated():
    return load_register(FIXTURE)


@pytest.mark.parametrize(
    ("day", "status", "reason"),
    [
        ("2021-06-14", "not_certified", "before_first_event"),
        ("2021-06-15", "certified", "from_event"),
        ("2024-12-31", "certified", "from_event"),
        ("2025-06-15", "expired", "from_event"),
        ("2025-08-31", "expired", "from_event"),
        ("2025-09-01", "certified", "from_event"),
        ("2026-01-10", "certified", "from_event"),
        ("2026-01-11", "unknown", "after_last_check"),
    ],
)
def test_certified_then_expired_then_renewed(dated, day, status, reason):
    answer = status_on(dated.get("exemple-fictif-date"), dt.date.fromisoformat(day))
    assert (answer.status, answer.reason) == (status, reason)
    assert answer.known is (status != "unknown")


def test_the_deciding_event_is_returned(dated):
    answer = status_on(dated.get("exemple-fictif-date"), dt.date(2025, 7, 1))
    assert answer.event.event == "expired" and answer.event.date == dt.date(2025, 6, 15)


def test_empty_history_gives_unknown(dated):
    answer = status_on(dated.get("exemple-fictif-sans-historique"), dt.date(2024, 1, 1))
    assert (answer.status, answer.reason, answer.known) == ("unknown", "no_history", False)


def test_bundled_register_answers_unknown_because_its_events_are_undated(bundled_index):
    register = load_register(bundled_index.directory / "register.json")
    for company in register.companies:
        answer = status_on(company, dt.date(2022, 1, 1))
        assert (answer.status, answer.reason) == ("unknown", "undated_events"), company.slug


def test_timeline_puts_dated_events_in_order_and_undated_last(dated):
    company = dated.get("exemple-fictif-date")
    assert [e.event for e in timeline(company)] == ["certified", "expired", "renewed"]


@pytest.mark.parametrize(
    "text", ["2024-02-30", "20240101", "2024-W01", "2024-1-01", "hier", "", "２０２４-01-01"]
)
def test_parse_date_accepts_only_real_iso_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_date_reads_iso_dates():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
