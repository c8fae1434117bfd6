"""Synthetic registers for the benchmarks, and search at a size the real register lacks."""

from __future__ import annotations

import json

import pytest

from bench.fts5_baseline import Fts5Baseline
from bench.synth_registry import main as synth_main
from bench.synth_registry import query_mix, synthetic_register, write_synthetic
from register import parse_register
from register.paths import PROJECT_ROOT
from search_index import LiveIndex, build_index
from webapp.public import HOME_LIST_MAX


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A 600-company synthetic register, its query mix and a live generation built from it."""
    directory = tmp_path_factory.mktemp("synth")
    register_path = write_synthetic(600, directory, queries=300)
    index_root = directory / "index"
    build_index(register_path, index_root)
    return {
        "raw": json.loads(register_path.read_text(encoding="utf-8")),
        "queries": json.loads((directory / "queries-600.json").read_text(encoding="utf-8")),
        "generation": LiveIndex(index_root).current(),
    }


def test_synthetic_register_is_deterministic_valid_and_marked_synthetic():
    raw = synthetic_register(200)
    assert raw == synthetic_register(200)
    register = parse_register(raw)
    assert len(register.companies) == 200
    assert raw["synthetic"] is True
    for company in register.companies:
        assert all(s.title.startswith("SYNTHÉTIQUE") for s in company.sources)
        assert all(d.endswith(".test") for d in company.domains), "reserved TLD only"
        assert company.certificates == ()


def test_synthetic_registers_are_never_written_under_data(capsys):
    with pytest.raises(SystemExit):
        synth_main(["10", "--out", str(PROJECT_ROOT / "data" / "registry")])
    assert "never written under data/" in capsys.readouterr().err
    assert not (PROJECT_ROOT / "data" / "registry" / "register-10.json").exists()


def test_query_mix_covers_every_kind_people_type():
    kinds = {q["kind"] for q in query_mix(synthetic_register(100), 200)}
    assert kinds == {"exact", "typo", "prefix", "domain", "siren", "miss", "phrase"}


def test_every_exact_domain_and_siren_query_gets_its_verdict_at_scale(synthetic):
    index = synthetic["generation"].index
    checked = 0
    for query in synthetic["queries"]:
        if query["expected"]:
            verdict = index.search(query["text"]).verdict
            assert verdict is not None and verdict.slug == query["expected"], query
            checked += 1
    assert checked > 100


def test_a_one_letter_typo_suggests_the_company_it_came_from(synthetic):
    index = synthetic["generation"].index
    company = next(c for c in synthetic["raw"]["companies"] if len(c["name"]) >= 12)
    typo = company["name"][:5] + "q" + company["name"][6:]
    outcome = index.search(typo)
    assert outcome.verdict is None
    assert (company["slug"], "fuzzy") in [(r.slug, r.match_type) for r in outcome.results]


def test_fts5_baseline_reaches_the_same_verdicts_as_our_index(synthetic, tmp_path):
    """The baseline must do the same work, or the benchmark's ratio means nothing."""
    baseline = Fts5Baseline(tmp_path / "fts5.sqlite")
    baseline.load(synthetic["generation"].register)
    index = synthetic["generation"].index
    for query in synthetic["queries"]:
        ours = index.search(query["text"]).verdict
        assert baseline.verdict_slug(query["text"]) == (ours.slug if ours else None), query


def test_home_page_of_a_long_register_offers_the_download_instead_of_the_list(make_app, tmp_path):
    register_path = write_synthetic(HOME_LIST_MAX + 1, tmp_path, queries=10)
    app = make_app(INDEX_DIR=str(tmp_path / "index"), REGISTRY_PATH=str(register_path))
    page = app.test_client().get("/", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f"Les {HOME_LIST_MAX + 1} entreprises du registre" in text
    assert 'class="company-list"' not in text
    assert 'href="/registre.csv"' in text
    assert len(page.data) < 30_000


def test_home_page_of_the_real_register_lists_every_company(client, bundled_register_raw):
    text = client.get("/").get_data(as_text=True)
    assert 'class="company-list"' in text
    assert text.count('<li><a href="/entreprises/') == len(bundled_register_raw["companies"])
