"""A company's events in reading order, for timelines and feeds.

Bounded events sort by their latest possible day (the day by which they certainly happened),
so "no later than May 2022" sits where a reader expects it; same-day events keep the order
the register lists them in.
"""

from __future__ import annotations

import datetime as dt

from register.findings import Evidence


def chronological(evidence: tuple[Evidence, ...]) -> list[Evidence]:
    """Oldest first; events with no upper bound cannot be placed and come last."""
    return sorted(evidence, key=lambda e: (e.bounds.latest or dt.date.max, e.position))
