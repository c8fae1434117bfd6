"""The Whoosh schema and the analyzer that makes search French-aware.

Names and aliases are indexed as whole folded keys (one token per key), so an exact
match means the whole name, not one word of it. Prefixes need no field of their own:
the keys are stored, and search_index/tables.py matches prefixes over them in memory.
No stemming anywhere: brand names are not words to be reduced.

Certificate numbers are not in the Whoosh index: a certifier publishes them, so they change
far more often than a company's identity. Each generation keeps them in a small file beside
the index (CERTIFICATES_FILE, one list of keys per document), scored in memory as Whoosh
scored them; an identity that did not change then needs no index write when its certificates
do (search_index.incremental).
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from register.model import Company, number_key
from search_index.normalize import fold

SCHEMA_VERSION = 3
CERTIFICATES_FILE = "certificates.json"
KEY_SEPARATOR = "|"
# Longest prefix matched: long enough for any real brand name, so a long query is
# never silently cut down to a shorter prefix that matches more names.
PREFIX_MAX = 48
PREFIX_MIN = 2

KEY_ANALYZER = RegexTokenizer(r"[^|]+") | LowercaseFilter() | CharsetFilter(accent_map)

SCHEMA = Schema(
    slug=STORED(),  # never searched: a hit's docnum leads to it
    name=STORED(),
    name_key=TEXT(analyzer=KEY_ANALYZER, phrase=False, stored=True),
    alias_key=TEXT(analyzer=KEY_ANALYZER, phrase=False, stored=True),
    domain=TEXT(analyzer=KEY_ANALYZER, phrase=False),
    siren=ID(),
)


def stored_keys(value: str) -> list[str]:
    """The tokens KEY_ANALYZER indexed for a stored key field, without running it: the keys
    are folded already (company_keys), so lower-casing and accent folding leave them as is."""
    return [key for key in value.split(KEY_SEPARATOR) if key]


def company_keys(company: Company) -> tuple[str, list[str]]:
    """The folded name key, and the alias keys (aliases and legal name) that differ from it."""
    name_key = fold(company.name)
    others = {fold(other) for other in [company.legal_name or "", *company.aliases]}
    alias_keys = sorted(others - {"", name_key})
    return name_key, alias_keys


def company_document(company: Company) -> dict[str, str]:
    """Fields for one company; empty values are left out rather than indexed as ''."""
    name_key, alias_keys = company_keys(company)
    document = {
        "slug": company.slug,
        "name": company.name,
        "name_key": name_key,
        "alias_key": KEY_SEPARATOR.join(alias_keys),
        "domain": KEY_SEPARATOR.join(company.domains),
        "siren": company.siren or "",
    }
    return {field: value for field, value in document.items() if value}


def certificate_keys(company: Company) -> list[str]:
    """The company's certificate numbers as the key analyzer reads them (folded keys)."""
    numbers = KEY_SEPARATOR.join(number_key(c.number) for c in company.certificates)
    return [token.text for token in KEY_ANALYZER(numbers)]
