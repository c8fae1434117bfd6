"""Reading a query the way people write it: a brand name inside a phrase.

People type "la maif", "service client edf" or "mutuelle unéo", not a register key. The
query is cut into folded words (elided "l'", "qu'" … noted as such, with straight or
typographic apostrophes); company names and aliases are found in it as whole words,
longest first; what is left is either a generic word (vocabulary.py), set aside and
shown as such, or an unknown word, which keeps the search from giving a verdict.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from whoosh.support.charset import accent_map

from search_index.vocabulary import ELISIONS, GENERIC_PHRASES, LONGEST_GENERIC

# A key this short ("o2") designates only when typed alone: beside other words it is as
# likely another brand's ("O2 customer service" is often the British operator).
PHRASE_KEY_MIN = 3
_APOSTROPHES = str.maketrans({ch: "'" for ch in "’‘ʼ´`′"})
_WORD = re.compile(r"[0-9a-z]+'?")


@dataclass(frozen=True)
class Span:
    """Words start..end (exclusive) of the query, equal to one name or alias key."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Reading:
    """How a text query was understood: names found, words set aside, words not known."""

    words: tuple[str, ...]
    names: tuple[Span, ...] = ()
    ignored: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    # The words the search went by (names and unknown words), in the order typed.
    understood: str = ""

    def match_type(self, companies: int) -> str:
        """'phrase' (a verdict) for one company beside generic words only, else 'partial'."""
        longest = max((len(span.key) for span in self.names), default=0)
        decisive = companies == 1 and not self.unknown and longest >= PHRASE_KEY_MIN
        return "phrase" if decisive else "partial"

    @property
    def is_plain(self) -> bool:
        """Nothing was set aside and no name was found inside a longer text."""
        whole = len(self.names) == 1 and self.names[0].end - self.names[0].start == len(self.words)
        return not self.ignored and (whole or not self.names)


class Spotter(Protocol):
    def spot(self, words: tuple[str, ...]) -> list[Span]: ...


class NameKeys:
    """Every name and alias key of one index generation, for spotting them in a phrase."""

    def __init__(self, keys: Iterable[str]):
        self.keys = frozenset(keys)
        self._lengths_by_first: dict[str, set[int]] = {}
        for key in self.keys:
            words = key.split()
            self._lengths_by_first.setdefault(words[0], set()).add(len(words))

    def spot(self, words: tuple[str, ...]) -> list[Span]:
        """Keys found as whole words; a longer key wins over any shorter one it overlaps."""
        found = [
            Span(start, start + length, " ".join(words[start : start + length]))
            for start, word in enumerate(words)
            for length in self._lengths_by_first.get(word, ())
            if start + length <= len(words) and " ".join(words[start : start + length]) in self.keys
        ]
        return longest_first(found)


def split_words(text: str) -> list[tuple[str, bool]]:
    """Folded words, each with whether it was elided ("l'" in "l'edf")."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    folded = folded.translate(accent_map)
    pairs = []
    for token in _WORD.findall(folded):
        word = token.rstrip("'")
        pairs.append((word, token.endswith("'") and word in ELISIONS))
    return pairs


def read_text(text: str, name_keys: Spotter) -> Reading:
    """Names first, then elisions and generic phrases among the words no name covers."""
    pairs = split_words(text)
    words = tuple(word for word, _ in pairs)
    names = name_keys.spot(words)
    taken = {i for span in names for i in range(span.start, span.end)}
    ignored: list[str] = []
    unknown: list[str] = []
    set_aside: set[int] = set()
    position = 0
    while position < len(words):
        step = 1
        if position in taken:
            pass
        elif pairs[position][1]:
            ignored.append(words[position] + "'")
            set_aside.add(position)
        elif step := _generic_length(words, position, taken):
            ignored.append(" ".join(words[position : position + step]))
            set_aside.update(range(position, position + step))
        else:
            unknown.append(words[position])
            step = 1
        position += step
    return Reading(
        words=words,
        names=tuple(sorted(names, key=lambda span: span.start)),
        ignored=tuple(ignored),
        unknown=tuple(unknown),
        understood=" ".join(w for i, w in enumerate(words) if i not in set_aside),
    )


def _generic_length(words: tuple[str, ...], start: int, taken: set[int]) -> int:
    """Length of the longest generic phrase at `start` that does not run into a name."""
    for length in range(min(LONGEST_GENERIC, len(words) - start), 0, -1):
        if any(i in taken for i in range(start, start + length)):
            continue
        if " ".join(words[start : start + length]) in GENERIC_PHRASES:
            return length
    return 0


def longest_first(spans: list[Span]) -> list[Span]:
    """Spans kept longest first, each one only if it overlaps none already kept."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in chosen):
            chosen.append(span)
    return chosen
