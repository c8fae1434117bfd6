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
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from math import log

from whoosh.reading import IndexReader
from whoosh.scoring import BM25F, bm25
from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index.whoosh_schema import PREFIX_MAX, PREFIX_MIN, stored_keys

# The index's weighting (Whoosh's default): its B and K1.
_MODEL = BM25F()
KEY_FIELDS = ("name_key", "alias_key")
Ranked = list[tuple[float, int]]  # (score, docnum), best first, as Whoosh's top_n


def stored_length(tokens: int) -> int:
    """A field length as Whoosh keeps it: one byte, exact for short fields, coarser above."""
    return byte_to_length(length_to_byte(tokens))


def prefix_tokens(key: str) -> int:
    """How many edge n-grams (PREFIX_MIN..PREFIX_MAX characters) a key gives."""
    return max(0, min(len(key), PREFIX_MAX) - PREFIX_MIN + 1)


class _Field:
    """One field's postings (word -> [(docnum, frequency)], by docnum), lengths and average
    length. Complete once built: a following generation's tables copy it before changing it."""

    def __init__(self, doc_count: int):
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = [0] * doc_count
        self._total = 0
        self._doc_count = doc_count
        self._copied: set[str] | None = None  # words whose postings this copy owns

    def grown(self, doc_count: int) -> _Field:
        """A copy for `doc_count` documents (this one's, then new ones) that `add` and `remove`
        change without touching this one: posting lists are copied when first changed."""
        field = _Field(0)
        field.postings = dict(self.postings)
        field.lengths = self.lengths + [0] * (doc_count - len(self.lengths))
        field._total, field._doc_count, field._copied = self._total, doc_count, set()
        return field

    def add(self, docnum: int, words: Sequence[str], tokens: int) -> None:
        for word, frequency in Counter(words).items():
            postings = self._own(word)
            if postings and postings[-1][0] > docnum:
                insort(postings, (docnum, frequency))
            else:
                postings.append((docnum, frequency))
        self.lengths[docnum] = stored_length(tokens)
        self._total += tokens

    def remove(self, docnum: int, words: Sequence[str], tokens: int) -> None:
        """Take back what `add(docnum, words, tokens)` counted."""
        for word in set(words):
            postings = self._own(word)
            del postings[bisect_left(postings, (docnum,))]
            if not postings:
                del self.postings[word]
        self.lengths[docnum] = 0
        self._total -= tokens

    def _own(self, word: str) -> list[tuple[int, int]]:
        if self._copied is not None and word not in self._copied:
            self._copied.add(word)
            self.postings[word] = list(self.postings.get(word, ()))
        return self.postings.setdefault(word, [])

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
    certificate keys (one list per document, kept beside the index: whoosh_schema).

    With `parent`, the tables of a generation this one follows (search_index.incremental: its
    documents keep their numbers and stored fields, new ones come after them), only the new
    documents are read and only the certificate keys that differ are counted again: a worker
    switching generations pays for what a publication changed, not for the register. The
    result is the full reading's, to the postings' order (tests/unit/test_search_tables.py,
    tests/unit/test_generation_reload.py).
    """

    def __init__(
        self,
        reader: IndexReader,
        certificates: Sequence[Sequence[str]],
        parent: Tables | None = None,
    ):
        doc_count = reader.doc_count_all()
        if parent is not None and len(parent.slugs) <= doc_count:
            first = self._copy(parent, doc_count)
            documents = ((n, reader.stored_fields(n)) for n in range(first, doc_count))
        else:
            first, parent = 0, None
            self._empty(doc_count)
            documents = reader.iter_docs()
        self.certificates = list(certificates)
        entries = self._read_documents(documents)
        if parent is None:
            entries.sort()
            self._prefix_keys = [key for key, _ in entries]
            self._prefix_docs = [docnum for _, docnum in entries]
        else:
            for key, docnum in entries:  # docnums above the parent's: last among equal keys
                position = bisect_right(self._prefix_keys, key)
                self._prefix_keys.insert(position, key)
                self._prefix_docs.insert(position, docnum)
        self._count_certificates(parent.certificates if parent else [], first)

    def _empty(self, doc_count: int) -> None:
        self.slugs: list[str] = [""] * doc_count
        self.names: list[str] = [""] * doc_count
        self._sort_names: list[str] = [""] * doc_count
        self.fields = {name: _Field(doc_count) for name in (*KEY_FIELDS, "certificate")}
        self._prefix = _Field(doc_count)

    def _copy(self, parent: Tables, doc_count: int) -> int:
        """The parent's tables, copied for `doc_count` documents; the first new docnum."""
        added = [""] * (doc_count - len(parent.slugs))
        self.slugs, self.names = parent.slugs + added, parent.names + added
        self._sort_names = parent._sort_names + added
        self.fields = {name: field.grown(doc_count) for name, field in parent.fields.items()}
        self._prefix = parent._prefix.grown(doc_count)
        self._prefix_keys, self._prefix_docs = list(parent._prefix_keys), list(parent._prefix_docs)
        return len(parent.slugs)

    def _read_documents(self, documents: Iterable[tuple[int, dict]]) -> list[tuple[str, int]]:
        """The names and keys of these documents (docnum, stored fields); their prefix
        entries, unsorted."""
        entries: list[tuple[str, int]] = []
        for docnum, stored in documents:
            self.slugs[docnum], self.names[docnum] = stored["slug"], stored["name"]
            self._sort_names[docnum] = stored["name"].lower()
            keys = []
            for fieldname in KEY_FIELDS:
                words = stored_keys(stored.get(fieldname, ""))
                self.fields[fieldname].add(docnum, words, len(words))
                keys += words
            entries += ((key, docnum) for key in keys if len(key) >= PREFIX_MIN)
            self._prefix.add(docnum, (), sum(prefix_tokens(key) for key in keys))
        return entries

    def _count_certificates(self, counted: list[list[str]], first: int) -> None:
        """Every document's certificate keys into their field; with a parent's (`counted`),
        only the documents whose keys differ from it, and the new ones."""
        field = self.fields["certificate"]
        for docnum, keys in enumerate(self.certificates):
            if docnum < first:
                if keys == counted[docnum]:
                    continue
                field.remove(docnum, counted[docnum], len(counted[docnum]))
            field.add(docnum, keys, len(keys))

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
