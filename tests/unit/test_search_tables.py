"""The in-memory tables rank prefixes and typos exactly as Whoosh's own fields did.

The oracle is a Whoosh index of the same companies with the fields the tables replace:
the edge n-gram field (2-48 characters) for prefixes, and a union of Term queries for
the words a typo is near, and the certificate field that numbers were indexed in before they
moved beside the index. Same scores (to the last bit), same documents, same order.
"""

from __future__ import annotations

import copy

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import NgramFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term

from bench.synth_registry import synthetic_register
from register import parse_register
from search_index.tables import Tables
from search_index.whoosh_schema import KEY_ANALYZER, KEY_SEPARATOR, SCHEMA, company_document

ORACLE = Schema(
    slug=ID(stored=True, unique=True),
    name_key=TEXT(analyzer=KEY_ANALYZER, phrase=False),
    alias_key=TEXT(analyzer=KEY_ANALYZER, phrase=False),
    prefix_key=TEXT(
        analyzer=KEY_ANALYZER | NgramFilter(minsize=2, maxsize=48, at="start"), phrase=False
    ),
    certificate=TEXT(analyzer=KEY_ANALYZER, phrase=False),
)
# Certificate keys per document: none, one, or several, some shared so that ranking matters.
SHARED = ("rcf0007", "rcf0011")


def table_state(tables: Tables) -> dict:
    """Everything the tables hold, to the order of each posting list."""
    fields = {"prefix": tables._prefix, **tables.fields}
    return {
        "documents": (tables.slugs, tables.names, tables._sort_names, tables.certificates),
        "prefix": (tables._prefix_keys, tables._prefix_docs),
        "fields": {
            name: (field.postings, field.lengths, field._total, field._doc_count)
            for name, field in fields.items()
        },
    }


def _certificates(count: int) -> list[list[str]]:
    return [
        [f"rcf{docnum:05d}-{n}" for n in range(docnum % 3)]
        + [key for key in SHARED if docnum % int(key[-2:]) == 0]
        for docnum in range(count)
    ]


def _index(directory, schema, documents):
    ix = whoosh_index.create_in(str(directory), schema)
    with ix.writer() as writer:
        for document in documents:
            writer.add_document(**{k: v for k, v in document.items() if k in schema.names()})
    return ix.searcher()


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(tables, oracle searcher) over 800 synthetic companies plus the same names re-keyed."""
    companies = parse_register(synthetic_register(800)).companies
    documents = [company_document(company) for company in companies]
    certificates = _certificates(len(documents))
    for document, keys in zip(documents, certificates, strict=True):
        names = [document.get("name_key", ""), document.get("alias_key", "")]
        document["prefix_key"] = KEY_SEPARATOR.join(key for key in names if key)
        document["certificate"] = KEY_SEPARATOR.join(keys)
    ours = _index(tmp_path_factory.mktemp("ours"), SCHEMA, documents)
    oracle = _index(tmp_path_factory.mktemp("oracle"), ORACLE, documents)
    return Tables(ours.reader(), certificates), oracle


def _slugs(searcher, ranked):
    return [(score, searcher.stored_fields(docnum)["slug"]) for score, docnum in ranked]


@pytest.mark.parametrize(
    "prefix", ["ma", "mai", "maison", "gr", "groupe m", "groupe martin", "as", "assurances"]
)
@pytest.mark.parametrize("limit", [1, 10, 50])
def test_a_prefix_ranks_as_the_edge_ngram_field_did(pair, prefix, limit):
    tables, oracle = pair
    ours = tables.prefix(prefix, limit)
    expected = oracle.search(Term("prefix_key", prefix), limit=limit).top_n
    assert ours, "the prefixes above all start real names"
    assert _slugs(oracle, ours) == _slugs(oracle, expected)


@pytest.mark.parametrize("prefix", ["", "b", "zz", "groupe martin " * 4])
def test_a_prefix_unknown_shorter_than_2_or_longer_than_48_characters_matches_nothing(pair, prefix):
    tables, oracle = pair
    assert tables.prefix(prefix, 10) == []
    assert not prefix or oracle.search(Term("prefix_key", prefix)).top_n == []


def test_words_near_a_typo_rank_as_a_union_of_whoosh_terms(pair):
    tables, oracle = pair
    reader = oracle.reader()
    for initial in "abgm":
        words = {
            field: [w.decode() for w in reader.lexicon(field) if w.decode().startswith(initial)]
            for field in ("name_key", "alias_key")
        }
        union = Or([Or([Term(field, word) for word in found]) for field, found in words.items()])
        for limit in (1, 10, 50):
            expected = oracle.search(union, limit=limit).top_n
            assert _slugs(oracle, tables.terms(words, limit)) == _slugs(oracle, expected)


@pytest.mark.parametrize("key", [*SHARED, "rcf00004-0", "rcf00005-1", "rcf99999-0"])
def test_certificate_keys_rank_as_the_whoosh_certificate_field_did(pair, key):
    tables, oracle = pair
    for limit in (1, 10, 50):
        expected = oracle.search(Term("certificate", key), limit=limit).top_n
        ours = tables.terms({"certificate": [key]}, limit)
        assert _slugs(oracle, ours) == _slugs(oracle, expected)
        assert bool(ours) == (key != "rcf99999-0")


def test_tables_extended_from_a_parent_hold_what_reading_every_document_gives(tmp_path):
    """A following generation (search_index.incremental): documents added after the parent's,
    homonyms of earlier ones among them, and certificate keys changed, shared ones included.
    Extending the parent's tables gives the full reading's, and leaves the parent's as it was."""
    documents = [company_document(c) for c in parse_register(synthetic_register(120)).companies]
    homonyms = [{**documents[n], "slug": f"{documents[n]['slug']}-bis"} for n in (3, 4)]
    ix = whoosh_index.create_in(str(tmp_path), SCHEMA)
    with ix.writer() as writer:
        for document in documents[:100]:
            writer.add_document(**document)
    before = _certificates(100)
    with ix.searcher() as searcher:
        parent = Tables(searcher.reader(), before)
    parent_state = copy.deepcopy(table_state(parent))
    writer = ix.writer()
    for document in documents[100:] + homonyms:
        writer.add_document(**document)
    writer.commit(merge=False)
    after = [*before, *_certificates(len(documents) + len(homonyms))[100:]]
    after[8] = [*after[8], SHARED[0]]  # between two holders of a shared key
    after[14] = []
    after[22] = ["rcf99999-0", SHARED[1]]
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 2
        extended = Tables(searcher.reader(), after, parent)
        assert table_state(extended) == table_state(Tables(searcher.reader(), after))
    assert table_state(parent) == parent_state
