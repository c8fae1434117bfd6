"""Recognising a label's name in the search box, so the answer can say which one it is.

A consumer who types "ESCDA" or "NF 345" is asking about a logo, not a company: "not in
the register" is true but useless. The spellings are reviewed data (`data/labels/`); a
query names a label only when its whole text is one of them, compared the way company
names are (folded, and also with spaces removed, so "NF345" and "nf-345" agree), with a
trailing edition year dropped ("Élu Service Client de l'Année 2025") and with the words
people put in front of a logo's name ("c'est quoi", "le label", "la norme") allowed before
it. Nothing partial or fuzzy: a company name containing "service" or "France" must never
read as a label, and a query that designates a company is never answered with a label.
The label this site checks has names too ("Relation Client France", the mark's « AFRC
Relation Client 100% France »): they are recognised the same way, and answered with it.
"""

from __future__ import annotations

import re
from functools import cache

from register.label_guide import LabelGuide, bundled_guide
from search_index.normalize import fold

_EDITION_YEAR = re.compile(r"\s(?:19|20)[0-9]{2}$")
# Folded words that may come before a label's name.
_LEAD_WORDS = frozenset(
    ("c", "est", "quoi", "qu", "ce", "que", "veut", "dire", "signification")  # a question
    + ("what", "is", "the", "meaning", "of")  # the same, in English
    + ("le", "la", "les", "l", "un", "une", "du", "de")  # articles
    + ("logo", "label", "certification", "certificat", "norme")  # what it is
)


class SpellingClash(ValueError):
    """Two labels claim one spelling: the guide must be fixed, not guessed between."""


def spelling_key(text: str) -> str:
    """'Élu Service Client de l'Année 2025' -> 'eluserviceclientdelannee'."""
    return _EDITION_YEAR.sub("", fold(text)).replace(" ", "")


def spelling_table(guide: LabelGuide) -> dict[str, str]:
    """Every spelling's key -> the id of the label it names."""
    table: dict[str, str] = {}
    for label in guide.labels:
        for spelling in label.spellings:
            key = spelling_key(spelling)
            if table.setdefault(key, label.id) != label.id:
                raise SpellingClash(f"{spelling!r} names both {table[key]} and {label.id}")
    return table


@cache
def _bundled_table() -> dict[str, str]:
    return spelling_table(bundled_guide())


def _candidate_keys(query: str) -> list[str]:
    """The whole query's key, then its keys once each leading lead word is dropped."""
    words = _EDITION_YEAR.sub("", fold(query)).split()
    keys = ["".join(words)]
    for position, word in enumerate(words[:-1]):
        if word not in _LEAD_WORDS:
            break
        keys.append("".join(words[position + 1 :]))
    return keys


def named_label(query: str, designates_a_company: bool) -> str | None:
    """The id of the label the query names; None when it names none or a company matched."""
    if designates_a_company:
        return None
    table = _bundled_table()
    return next((table[key] for key in _candidate_keys(query) if key in table), None)
