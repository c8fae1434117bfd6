"""Prefix and typo queries answered from tables held in memory, scored as Whoosh scores them.

Whoosh answers a query that expands to many postings by scoring each posting in Python:
a prefix shared by every name of a 10,000-company register took 50-85 ms, and a typo query
whose 1,269 neighbouring words each named one company took 480-660 ms (most of it Whoosh
re-checking block quality in a 1,269-way union). The keys of a generation fit in memory,
so a prefix is a bisect range over the sorted keys (no edge n-grams on disk: they were 69%
of the index's terms and most of its build time) and a typo's words are looked up in a dict.

The scores are Whoosh's own BM25F over the statistics its fields would hold (the edge n-gram
field's included), so the ranking is the one Whoosh gave; tests/unit/test_search_tables.py
compares both on a synthetic register.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from math import log

from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, bm25
from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index.whoosh_schema import PREFIX_MAX, PREFIX_MIN, stored_keys

# The index's weighting (Whoosh's default): its B and K1.
_MODEL = BM25F()
Ranked = list[tuple[float, int]]  # (score, docnum), best first, as Whoosh's top_n


def stored_length(tokens: int) -> int:
    """A field length as Whoosh keeps it: one byte, exact for short fields, coarser above."""
    return byte_to_length(length_to_byte(tokens))


def prefix_tokens(key: str) -> int:
    """How many edge n-grams (PREFIX_MIN..PREFIX_MAX characters) a key gives."""
    return max(0, min(len(key), PREFIX_MAX) - PREFIX_MIN + 1)


class _Field:
    """One field's postings (word -> [(docnum, frequency)]), lengths and average length."""

    def __init__(self, doc_count: int):
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = [0] * doc_count
        self._total = 0
        self._doc_count = doc_count

    def add(self, docnum: int, words: Sequence[str], tokens: int) -> None:
        for word, frequency in Counter(words).items():
            self.postings.setdefault(word, []).append((docnum, frequency))
        self.lengths[docnum] = stored_length(tokens)
        self._total += tokens

    @property
    def average_length(self) -> float:
        return self._total / (self._doc_count or 1) or 1

    def idf(self, document_frequency: int) -> float:
        return log(self._doc_count / (document_frequency + 1)) + 1

    def score(self, idf: float, frequency: int, docnum: int) -> float:
        return bm25(
            idf,
            frequency,
            self.lengths[docnum],
            self.average_length,
            _MODEL.B,
            _MODEL.K1,
        )


class Tables:
    """One generation's names, keys and statistics, read once from the stored fields, and its
    certificate keys (one list per document, kept beside the index: whoosh_schema)."""

    def __init__(self, reader: IndexReader, certificates: Sequence[Sequence[str]]):
        doc_count = reader.doc_count_all()
        self.slugs: list[str] = [""] * doc_count
        self.names: list[str] = [""] * doc_count
        self._sort_names: list[str] = [""] * doc_count
        self.fields = {name: _Field(doc_count) for name in ("name_key", "alias_key", "certificate")}
        self._prefix = _Field(doc_count)
        entries: list[tuple[str, int]] = []
        for docnum, stored in reader.iter_docs():
            self.slugs[docnum], self.names[docnum] = stored["slug"], stored["name"]
            self._sort_names[docnum] = stored["name"].lower()
            keys = []
            for fieldname in ("name_key", "alias_key"):
                words = stored_keys(stored.get(fieldname, ""))
                self.fields[fieldname].add(docnum, words, len(words))
                keys += words
            self.fields["certificate"].add(docnum, certificates[docnum], len(certificates[docnum]))
            entries += ((key, docnum) for key in keys if len(key) >= PREFIX_MIN)
            self._prefix.add(docnum, (), sum(prefix_tokens(key) for key in keys))
        entries.sort()
        self._prefix_keys = [key for key, _ in entries]
        self._prefix_docs = [docnum for _, docnum in entries]

    def words(self, fieldname: str) -> Iterable[str]:
        return self.fields[fieldname].postings.keys()

    def prefix(self, key: str, limit: int) -> Ranked:
        """Documents with a key starting with `key`, scored as the edge n-gram field scored them."""
        if not PREFIX_MIN <= len(key) <= PREFIX_MAX:
            return []
        low = bisect_left(self._prefix_keys, key)
        high = bisect_left(self._prefix_keys, key[:-1] + chr(ord(key[-1]) + 1), low)
        frequencies = Counter(self._prefix_docs[low:high])
        field = self._prefix
        idf = field.idf(len(frequencies))
        scores: dict[tuple[int, int], float] = {}
        candidates = []
        for docnum, frequency in frequencies.items():
            shape = (frequency, field.lengths[docnum])
            if shape not in scores:
                scores[shape] = field.score(idf, frequency, docnum)
            candidates.append((-scores[shape], docnum))
        return _best(candidates, limit)

    def terms(self, words: dict[str, Sequence[str]], limit: int) -> Ranked:
        """Documents holding any of the words, each scored as the sum of its words' BM25F."""
        totals: dict[int, float] = {}
        for fieldname, field_words in words.items():
            field = self.fields[fieldname]
            sums: dict[int, float] = {}
            for word in field_words:
                postings = field.postings.get(word, ())
                idf = field.idf(len(postings))
                for docnum, frequency in postings:
                    score = field.score(idf, frequency, docnum)
                    sums[docnum] = sums[docnum] + score if docnum in sums else score
            for docnum, score in sums.items():
                totals[docnum] = totals[docnum] + score if docnum in totals else score
        return _best([(-score, docnum) for docnum, score in totals.items()], limit)

    def by_name(self, ranked: Ranked) -> Ranked:
        """Best score first, then by name: the order a list of suggestions is shown in."""
        return sorted(ranked, key=lambda hit: (-hit[0], self._sort_names[hit[1]]))


def _best(candidates: list[tuple[float, int]], limit: int) -> Ranked:
    """The top `limit` by score, the lower document number first among equals (as Whoosh)."""
    return [(-negated, docnum) for negated, docnum in heapq.nsmallest(limit, candidates)]
