"""The baseline: the same register searched with SQLite FTS5 (stdlib sqlite3), same match order.

Exact names, aliases, SIRENs and domains are B-tree lookups on the same folded keys
our index uses; prefixes and typos go through an FTS5 table with the trigram tokenizer.
FTS5 has no edit-distance query, so "fuzzy" here is the usual FTS5 approach: any key
sharing trigrams with the query, ranked by bm25 — cheaper than a true edit-distance
match, which keeps the comparison on the baseline's side.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from register import Register
from search_index.normalize import (
    as_domain,
    as_siren,
    as_vat,
    clean_query,
    domain_label,
    fold,
    without_number_label,
)
from search_index.reading import Span, longest_first, read_text

DESIGNATING = ("siren", "domain", "exact", "alias", "phrase")
DOMAIN_NAME_SQL = (
    "SELECT DISTINCT name FROM domain JOIN company USING (slug) WHERE domain = ? LIMIT 2"
)
NAME_SQL = "SELECT slug FROM company WHERE name_key = ? UNION SELECT slug FROM alias WHERE key = ?"
SIREN_SQL = "SELECT slug FROM company WHERE siren = ?"
DOMAIN_SQL = "SELECT slug FROM domain WHERE domain = ? ORDER BY slug"
TRIGRAM_SQL = "SELECT slug FROM search_key WHERE search_key MATCH ? ORDER BY rank"
SCHEMA = """
CREATE TABLE company (slug TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL,
                      siren TEXT);
CREATE INDEX company_name_key ON company (name_key);
CREATE INDEX company_siren ON company (siren);
CREATE TABLE alias (key TEXT NOT NULL, slug TEXT NOT NULL);
CREATE INDEX alias_key ON alias (key);
CREATE TABLE domain (domain TEXT NOT NULL, slug TEXT NOT NULL);
CREATE INDEX domain_domain ON domain (domain);
CREATE VIRTUAL TABLE search_key USING fts5(key, slug UNINDEXED, tokenize='trigram');
"""


class Fts5Baseline:
    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.longest_key_words = 1

    def load(self, register: Register) -> None:
        self.db.executescript(SCHEMA)
        with self.db:
            for company in register.companies:
                name_key = fold(company.name)
                aliases = {fold(a) for a in (company.legal_name or "", *company.aliases)}
                aliases -= {"", name_key}
                self.longest_key_words = max(
                    self.longest_key_words, *(len(k.split()) for k in (name_key, *aliases))
                )
                self.db.execute(
                    "INSERT INTO company VALUES (?, ?, ?, ?)",
                    (company.slug, company.name, name_key, company.siren),
                )
                self.db.executemany(
                    "INSERT INTO alias VALUES (?, ?)", [(a, company.slug) for a in aliases]
                )
                self.db.executemany(
                    "INSERT INTO domain VALUES (?, ?)", [(d, company.slug) for d in company.domains]
                )
                self.db.executemany(
                    "INSERT INTO search_key VALUES (?, ?)",
                    [(k, company.slug) for k in (name_key, *aliases)],
                )
            self.db.execute("INSERT INTO search_key(search_key) VALUES ('optimize')")

    def search(self, text: str, limit: int = 10) -> list[tuple[str, str]]:
        """(slug, match type) pairs, most certain first, like SearchIndex.search."""
        query = clean_query(text)
        key = fold(query)
        if not key:
            return []
        number = without_number_label(query)
        vat = as_vat(number)
        if vat:
            siren, key_right = vat
            return self._collect([("siren", SIREN_SQL, siren)], limit) if key_right else []
        siren = as_siren(number)
        if siren:
            return self._collect(
                [("siren", "SELECT slug FROM company WHERE siren = ?", siren)], limit
            )
        domain = as_domain(query)
        if domain:
            found = self._collect(
                [("domain", "SELECT slug FROM domain WHERE domain = ? ORDER BY slug", domain)],
                limit,
            )
            return found or self._collect(self._suggestions(domain_label(domain)), limit)
        reading = read_text(self._domains_as_names(query), self)
        if reading.is_plain:
            return self._collect(
                [
                    ("exact", "SELECT slug FROM company WHERE name_key = ? ORDER BY name", key),
                    ("alias", "SELECT slug FROM alias WHERE key = ? ORDER BY slug", key),
                    *self._suggestions(key),
                ],
                limit,
            )
        keys = list(dict.fromkeys(span.key for span in reading.names))
        companies = {slug for k in keys for (slug,) in self.db.execute(NAME_SQL, (k, k))}
        match_type = reading.match_type(len(companies))
        return self._collect(
            [
                *((match_type, NAME_SQL, (k, k)) for k in keys),
                *self._suggestions(" ".join(reading.unknown)),
            ],
            limit,
        )

    def _domains_as_names(self, query: str) -> str:
        """As SearchIndex: a register domain among the words stands for its company's name."""
        chunks = query.split(" ")
        for position, chunk in enumerate(chunks):
            domain = as_domain(chunk) if len(chunks) > 1 else None
            names = self.db.execute(DOMAIN_NAME_SQL, (domain,)).fetchall() if domain else []
            if len(names) == 1:
                chunks[position] = names[0][0]
        return " ".join(chunks)

    def spot(self, words: tuple[str, ...]) -> list[Span]:
        """Name and alias keys among the words: one B-tree lookup per run of words."""
        found = []
        for start in range(len(words)):
            for length in range(1, min(self.longest_key_words, len(words) - start) + 1):
                key = " ".join(words[start : start + length])
                if self.db.execute(NAME_SQL + " LIMIT 1", (key, key)).fetchone():
                    found.append(Span(start, start + length, key))
        return longest_first(found)

    def verdict_slug(self, text: str) -> str | None:
        found = self.search(text)
        designating = [(slug, kind) for slug, kind in found if kind in DESIGNATING]
        if not designating:
            return None
        best_slug, best_kind = designating[0]
        return best_slug if sum(kind == best_kind for _, kind in designating) == 1 else None

    @staticmethod
    def _suggestions(key: str) -> list[tuple[str, str, str]]:
        queries = []
        if len(key) >= 2:
            pattern = key.replace("%", "").replace("_", "") + "%"
            queries.append(
                ("prefix", "SELECT slug FROM search_key WHERE key LIKE ? ORDER BY key", pattern)
            )
        trigrams = {key[i : i + 3] for i in range(len(key) - 2)}
        if len(key) >= 4 and trigrams:
            match = " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(trigrams))
            queries.append(
                (
                    "fuzzy",
                    "SELECT slug FROM search_key WHERE search_key MATCH ? ORDER BY rank",
                    match,
                )
            )
        return queries

    def _collect(self, queries: list[tuple], limit: int) -> list[tuple[str, str]]:
        results: list[tuple[str, str]] = []
        seen: set[str] = set()
        for match_type, sql, parameter in queries:
            arguments = parameter if isinstance(parameter, tuple) else (parameter,)
            for (slug,) in self.db.execute(f"{sql} LIMIT {limit}", arguments):
                if slug not in seen:
                    seen.add(slug)
                    results.append((slug, match_type))
            if len(results) >= limit:
                break
        return results[:limit]
