"""Query text in, ranked results with a match type out.

User text never reaches Whoosh's query parser: whole keys are looked up as `Term`
objects, prefixes and typos in the generation's tables (tables.py), so `AND`, `*`, quotes
or `name:x` are just characters. Match types, from most to least certain:

    siren, certificate, domain,
    exact, alias                 -> designate one company: a verdict may be given
    phrase                       -> the one name in a query whose other words are all
                                    generic ("la maif", "service client edf"): designates
    partial                      -> a name among unknown words, or one of several names
    prefix, fuzzy                -> only suggestions ("did you mean ...?")
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import index as whoosh_index
from whoosh.query import Or, Query, Term

from register.label_guide import CHECKED_LABEL_ID
from register.model import luhn_valid
from search_index.fuzzy import fuzzy_distance
from search_index.label_names import named_label
from search_index.normalize import (
    MAX_QUERY_LENGTH,
    as_certificate_number,
    as_domain,
    as_siren,
    as_vat,
    clean_query,
    domain_label,
    fold,
    looks_like_number,
    without_number_label,
)
from search_index.outcome import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    QueryTooLong,
    Result,
    SearchOutcome,
)
from search_index.reading import NameKeys, Reading, read_text
from search_index.tables import Ranked, Tables
from search_index.whoosh_schema import CERTIFICATES_FILE

# A Whoosh query for whole keys, or a lookup in the tables (prefixes, typos): limit -> ranked.
Lookup = Query | Callable[[int], Ranked]


class IndexUnavailable(OSError):
    """A generation directory that cannot be opened as an index."""


class SearchIndex:
    """One opened index generation. Generations are immutable, so a searcher lives as long as it.

    `parent`: the open index of a generation this one follows (search_index.incremental), whose
    in-memory tables are then extended rather than read again (search_index.tables)."""

    def __init__(self, directory: str | Path, parent: SearchIndex | None = None):
        self.directory = Path(directory)
        try:
            self._index = whoosh_index.open_dir(str(self.directory))
        except whoosh_index.IndexError as exc:
            raise IndexUnavailable(f"{self.directory}: {exc}") from exc
        self._searcher = self._index.searcher()
        try:
            certificates = json.loads((self.directory / CERTIFICATES_FILE).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexUnavailable(f"{self.directory}: no certificate keys ({exc})") from exc
        self._tables = Tables(
            self._searcher.reader(), certificates, parent._tables if parent else None
        )
        self._words_by_initial: dict[str, dict[tuple[str, int], list[str]]] = {}
        self._name_keys: NameKeys | None = None
        if parent is not None and self.document_count == parent.document_count:
            self._words_by_initial, self._name_keys = parent._words_by_initial, parent._name_keys
        manifest_path = self.directory / "manifest.json"
        self.manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}

    @property
    def document_count(self) -> int:
        return self._searcher.doc_count()

    @property
    def slugs(self) -> list[str]:
        """Each document's company, by document number: the register's order."""
        return self._tables.slugs

    def close(self) -> None:
        self._searcher.close()

    def search(self, text: str, limit: int = DEFAULT_LIMIT) -> SearchOutcome:
        query = clean_query(text)
        if len(query) > MAX_QUERY_LENGTH:
            raise QueryTooLong(len(query))
        limit = max(1, min(limit, MAX_LIMIT))
        if not fold(query):
            return SearchOutcome(query=query, read_as="empty")
        number = without_number_label(query)
        vat = as_vat(number)
        if vat:
            siren, key_right = vat
            if not key_right:
                return SearchOutcome(query, "vat", (), ("invalid_siren",), understood=siren)
            return self._siren_outcome(query, "vat", siren, limit)
        siren = as_siren(number)
        if siren:
            return self._siren_outcome(query, "siren", siren, limit)
        certificate = as_certificate_number(number)
        if certificate:
            return self._certificate_outcome(query, certificate, limit)
        domain = as_domain(query)
        if domain:
            found = self._collect([("domain", Term("domain", domain))], limit)
            if not found:
                # An unknown domain never designates a company, even if its label is a brand
                # name: boulanger.fr is not boulanger.com. Offer suggestions only.
                found = self._collect(self._suggestion_queries(domain_label(domain)), limit)
            return SearchOutcome(query, "domain", found, understood=domain)
        notices = ("not_a_siren",) if looks_like_number(query) else ()
        return self._text_outcome(query, limit, notices)

    def _siren_outcome(self, query: str, read_as: str, siren: str, limit: int) -> SearchOutcome:
        notices = () if luhn_valid(siren) else ("invalid_siren",)
        found = self._collect([("siren", Term("siren", siren))], limit)
        return SearchOutcome(query, read_as, found, notices, understood=siren)

    def _certificate_outcome(self, query: str, key: str, limit: int) -> SearchOutcome:
        """A number the register holds designates its company; one it does not hold says so
        and offers no company (a look-alike name is no answer to a certificate number), unless
        the query is, whole, a company's name or alias, or names another label (NF345)."""
        keys = {"certificate": [key.lower()]}
        found = self._collect([("certificate", partial(self._tables.terms, keys))], limit)
        if found:
            return SearchOutcome(query, "certificate", found, understood=key)
        if named_label(query, False) or self._collect(self._whole_name_queries(fold(query)), 1):
            return self._text_outcome(query, limit, ())
        return SearchOutcome(query, "certificate", (), ("no_certificate",), understood=key)

    def _text_outcome(self, query: str, limit: int, notices: tuple[str, ...]) -> SearchOutcome:
        """A whole name first; else the names found among the words, and what was left."""
        reading = read_text(self._domains_as_names(query), self._spotting_keys())
        key = fold(query)
        understood, ignored = key, ()
        if reading.is_plain:
            found = self._collect(self._text_queries(key), limit)
        elif not reading.names and not reading.unknown:
            found, understood, ignored = (), "", reading.ignored
            notices = (*notices, "generic_only")
        else:
            understood, ignored = reading.understood, reading.ignored
            found = self._collect(
                [
                    *self._name_queries(reading),
                    # Someone typing "mutuelle assurance des inst…" wants a name that starts
                    # with generic words: the words read one by one would never offer it.
                    *self._prefix_query(key),
                    *self._suggestion_queries(" ".join(reading.unknown)),
                ],
                limit,
            )
        label = named_label(query, any(r.designates for r in found))
        return SearchOutcome(
            query,
            "text",
            found,
            notices,
            other_label=label if label != CHECKED_LABEL_ID else None,
            this_label=label == CHECKED_LABEL_ID,
            understood=understood,
            ignored=ignored,
            unknown=reading.unknown,
        )

    def _domains_as_names(self, query: str) -> str:
        """'avis www.boulanger.com' reads as 'avis Boulanger': a register domain names its
        company. An unknown domain stays as typed, so its words are read like any others."""
        if " " not in query:
            return query
        chunks = query.split(" ")
        for position, chunk in enumerate(chunks):
            domain = as_domain(chunk)
            hits = self._searcher.search(Term("domain", domain), limit=2).top_n if domain else []
            if len(hits) == 1:
                chunks[position] = self._tables.names[hits[0][1]]
        return " ".join(chunks)

    def _name_queries(self, reading: Reading) -> list[tuple[str, Lookup]]:
        """The names found: a verdict only for one company beside nothing but generic words."""
        keys = list(dict.fromkeys(span.key for span in reading.names))
        companies = set().union(*(self._slugs_for_key(key) for key in keys))
        match_type = reading.match_type(len(companies))
        return [(match_type, Or([Term("name_key", key), Term("alias_key", key)])) for key in keys]

    def _slugs_for_key(self, key: str) -> set[str]:
        query = Or([Term("name_key", key), Term("alias_key", key)])
        return {self._tables.slugs[docnum] for docnum in self._searcher.docs_for_query(query)}

    def _spotting_keys(self) -> NameKeys:
        """Every name and alias key, gathered once per generation (generations never change)."""
        if self._name_keys is None:
            self._name_keys = NameKeys(
                word
                for fieldname in ("name_key", "alias_key")
                for word in self._tables.words(fieldname)
                if word
            )
        return self._name_keys

    def _text_queries(self, key: str) -> list[tuple[str, Lookup]]:
        return [*self._whole_name_queries(key), *self._suggestion_queries(key)]

    def _whole_name_queries(self, key: str) -> list[tuple[str, Lookup]]:
        return [("exact", Term("name_key", key)), ("alias", Term("alias_key", key))]

    def _prefix_query(self, key: str) -> list[tuple[str, Lookup]]:
        """Names and aliases that start with `key` (the tables bound its length)."""
        return [("prefix", partial(self._tables.prefix, key))] if key else []

    def _suggestion_queries(self, key: str) -> list[tuple[str, Lookup]]:
        queries = self._prefix_query(key)
        distance = fuzzy_distance(key)
        if distance:
            words = {
                fieldname: self._fuzzy_words(fieldname, key, distance)
                for fieldname in ("name_key", "alias_key")
            }
            queries.append(("fuzzy", partial(self._tables.terms, words)))
        return queries

    def _fuzzy_words(self, fieldname: str, key: str, distance: int) -> list[str]:
        """Words within `distance` edits that share the first letter (Whoosh's FuzzyTerm
        with prefixlength=1), found with a C edit distance over the cached word lists.

        Only words whose length is within `distance` of the key's are compared: more edits
        than that cannot make up the difference (at 100k companies, comparing every word with
        the same initial was 4 ms of a whole-name search)."""
        groups = self._words_by_shape(fieldname)
        candidates = [
            word
            for length in range(len(key) - distance, len(key) + distance + 1)
            for word in groups.get((key[0], length), ())
        ]
        found = process.extract(
            key, candidates, scorer=Levenshtein.distance, score_cutoff=distance, limit=None
        )
        return sorted(word for word, _, _ in found)

    def _words_by_shape(self, fieldname: str) -> dict[tuple[str, int], list[str]]:
        """The field's words grouped by (first letter, length), read once: a generation never
        changes."""
        if fieldname not in self._words_by_initial:
            groups: dict[tuple[str, int], list[str]] = defaultdict(list)
            for word in self._tables.words(fieldname):
                if word:
                    groups[(word[0], len(word))].append(word)
            self._words_by_initial[fieldname] = dict(groups)
        return self._words_by_initial[fieldname]

    def _collect(self, queries: list[tuple[str, Lookup]], limit: int) -> tuple[Result, ...]:
        """Run queries in confidence order; each company keeps its most confident match."""
        results: list[Result] = []
        seen: set[str] = set()
        tables = self._tables
        for match_type, query in queries:
            for _, docnum in tables.by_name(self._ranked(query, limit)):
                slug = tables.slugs[docnum]
                if slug not in seen:
                    seen.add(slug)
                    results.append(Result(slug, tables.names[docnum], match_type))
            if len(results) >= limit:
                break
        return tuple(results[:limit])

    def _ranked(self, query: Lookup, limit: int) -> Ranked:
        """The top `limit` (score, docnum) pairs. Whoosh's `top_n`, not its Results: iterating
        Results asks for their length, which makes Whoosh count every match a second time."""
        if isinstance(query, Query):
            return self._searcher.search(query, limit=limit).top_n
        return query(limit)
