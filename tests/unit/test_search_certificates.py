"""Certificate numbers in the search box: a number the register holds designates its company,
however it is cased or separated; a number it does not hold says so and suggests no company;
SIRENs, VAT numbers and short brands with digits (o2) are read as before."""

from __future__ import annotations

import json

import pytest

from search_index import SearchIndex, build_index
from search_index.normalize import as_certificate_number
from tests.support.certificates import certificate_record, with_certificates


@pytest.fixture(scope="module")
def certified_index(tmp_path_factory, bundled_register_raw):
    raw = with_certificates(bundled_register_raw, [certificate_record()], "Organisme")
    root = tmp_path_factory.mktemp("certified")
    (root / "register.json").write_text(json.dumps(raw), encoding="utf-8")
    name = build_index(root / "register.json", root / "index")
    index = SearchIndex(root / "index" / name)
    yield index
    index.close()


@pytest.mark.parametrize(
    "text",
    [
        "RCF-2026-0001",
        "rcf-2026-0001",
        "RCF20260001",
        "RCF/2026/0001",
        "certificat n° RCF-2026-0001",
    ],
)
def test_a_certificate_number_designates_its_company(certified_index, text):
    outcome = certified_index.search(text)
    assert outcome.read_as == "certificate"
    assert (outcome.verdict.slug, outcome.verdict.match_type) == ("maif", "certificate")


@pytest.mark.parametrize("text", ["RCF-2026-0002", "MAIF-2026-001", "AB/12345"])
def test_a_number_the_register_does_not_hold_says_so_and_suggests_nobody(certified_index, text):
    outcome = certified_index.search(text)
    assert (outcome.read_as, outcome.notices, outcome.results) == (
        "certificate",
        ("no_certificate",),
        (),
    )


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("552 081 317", "siren"),
        ("55208131700010", "siren"),
        ("FR03552081317", "vat"),
        ("FR04552081317", "vat"),
        ("o2", "text"),
        ("o2switch", "text"),
        ("12345", "text"),
        ("maif.fr", "domain"),
        ("RCF 2026 0001", "text"),
    ],
)
def test_other_numbers_and_brands_with_digits_are_read_as_before(certified_index, text, read_as):
    assert certified_index.search(text).read_as == read_as


def test_what_counts_as_number_shaped():
    assert as_certificate_number("RCF-2026-0001") == "RCF20260001"
    assert as_certificate_number("2026-0001") == "20260001"
    for not_a_number in ("o2", "M6", "K20", "552081317", "boulanger.com", "rcf 2026", "A-1-2"):
        assert as_certificate_number(not_a_number) is None, not_a_number
