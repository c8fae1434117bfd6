"""Typo tolerance: how many edits a key may carry, and a FuzzyTerm that Whoosh need not expand."""

from __future__ import annotations

from whoosh.query import FuzzyTerm

FUZZY_MAX_LENGTH = 32


def fuzzy_distance(key: str) -> int:
    """Typos allowed grow with length; short names get none (MAIF vs MAAF are 4 letters).

    Long keys get none either: no brand name is that long, and the cap bounds what a
    hostile query can cost (Whoosh's own pure-Python automaton, used before the C edit
    distance of SearchIndex._fuzzy_term, took over a second of CPU on a 200-character query).
    """
    if len(key) < 4 or len(key) > FUZZY_MAX_LENGTH:
        return 0
    return 1 if len(key) < 8 else 2


class PrecomputedFuzzyTerm(FuzzyTerm):
    """A FuzzyTerm whose matching words were found before Whoosh sees it.

    Whoosh expands a FuzzyTerm by building a Levenshtein automaton in pure Python for
    every query (twice: once to estimate, once to match), which cost tens of
    milliseconds per search. Handing it the same words, found with a C edit distance
    over the generation's cached word list, keeps its matching and scoring unchanged.
    """

    def __init__(self, fieldname: str, text: str, maxdist: int, words: list[str]):
        super().__init__(fieldname, text, maxdist=maxdist, prefixlength=1)
        self.words = words

    def _btexts(self, ixreader) -> list[str]:
        return self.words
