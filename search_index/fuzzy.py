"""Typo tolerance: how many edits a key may carry."""

from __future__ import annotations

FUZZY_MAX_LENGTH = 32


def fuzzy_distance(key: str) -> int:
    """Typos allowed grow with length; short names get none (MAIF vs MAAF are 4 letters).

    Long keys get none either: no brand name is that long, and the cap bounds what a
    hostile query can cost (Whoosh's own pure-Python automaton, used before the C edit
    distance of SearchIndex._fuzzy_words, took over a second of CPU on a 200-character query).
    """
    if len(key) < 4 or len(key) > FUZZY_MAX_LENGTH:
        return 0
    return 1 if len(key) < 8 else 2
