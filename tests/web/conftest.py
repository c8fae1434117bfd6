"""Web tier: the real app through Flask's test client, on real indexes, at a frozen date.

Statuses depend on the day, so every app here reads a fixed clock: 29 November 2026, after
the latest possible end of the reported certificates' terms.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 11, 29)


def frozen_clock() -> dt.date:
    return TODAY


class MovingClock:
    """The site's day, moved by the test: statuses change on dates with no import."""

    def __init__(self, day: dt.date):
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def app(make_app):
    return make_app(TESTING=True, CLOCK=frozen_clock)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def dated_client(make_app, dated_index_dir):
    return make_app(
        INDEX_DIR=str(dated_index_dir), TESTING=True, RATELIMIT_ENABLED=True, CLOCK=frozen_clock
    ).test_client()
