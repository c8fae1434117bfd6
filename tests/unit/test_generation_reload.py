"""A worker that switches to a new generation from the one it serves holds exactly what a worker
reading that generation in full holds: the same register (companies, label, raw JSON
to the key order), the same search tables, the same search answers and the same findings for
every company.

Random publications go through the ordinary path (index updated, not rebuilt, when it can be);
a worker follows them, sometimes switching after each one, sometimes only after several (so it
applies a chain of changes, or finds the chain broken and reads in full), and is compared with a
fresh full reading after every switch.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import random

import pytest

from bench.synth_registry import synthetic_register
from register import find
from register.publishing import PublishError, publish
from register.source import Incoming
from search_index import current_generation, incremental, opening
from search_index.opening import Generation, open_generation
from search_index.publish import index_installer
from tests.support.site import Site
from tests.unit.test_incremental_publish import (
    _as_a_whole,
    _certifier_batch,
    _identity_change,
    _queries,
)
from tests.unit.test_search_tables import table_state

TODAY = dt.date(2026, 11, 30)
COMPANIES = 60
STEPS = 14
DAYS = (dt.date(2021, 6, 1), TODAY, dt.date(2031, 1, 1))


def _note_change(seed: int):
    """A moderation-like change: a company's note, nothing its index document holds."""

    def change(current: dict) -> Incoming:
        rng = random.Random(seed)
        candidate = dict(current, companies=list(current["companies"]))
        position = rng.randrange(len(candidate["companies"]))
        record = candidate["companies"][position] = copy.deepcopy(candidate["companies"][position])
        record["note"] = f"Note revue {seed}"
        return Incoming(candidate, "note", "json")

    return change


def _rules_change(seed: int):
    """The label's rules reworded: the register's other keys change, no company does."""

    def change(current: dict) -> Incoming:
        candidate = dict(current, label_rules=copy.deepcopy(current["label_rules"]))
        candidate["label_rules"]["exists_from_reason"] = f"Règle reformulée ({seed})."
        return Incoming(candidate, "rules", "json")

    return change


def _random_change(rng: random.Random, step: int):
    roll, seed = rng.random(), rng.randrange(10**9)
    if roll < 0.08:
        return _identity_change(seed)  # a full build: no parent
    if roll < 0.16:
        return _rules_change(seed)
    if roll < 0.3:
        return _note_change(seed)
    change = _certifier_batch(seed, step, refused=roll > 0.92)
    return _as_a_whole(change) if 0.75 < roll <= 0.92 else change


def assert_same(quick: Generation, full: Generation) -> None:
    assert quick.name == full.name
    assert quick.register == full.register  # companies and label
    assert json.dumps(quick.register.raw, ensure_ascii=False) == json.dumps(
        full.register.raw, ensure_ascii=False
    )
    assert table_state(quick.index._tables) == table_state(full.index._tables)
    label = full.register.label
    for company, same in zip(quick.register.companies, full.register.companies, strict=True):
        for day in DAYS:
            assert find(company, day, quick.register.label) == find(same, day, label)
        for query in _queries(full.register.record(company.slug)):
            assert quick.index.search(query) == full.index.search(query), query


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_worker_following_random_publications_holds_what_a_full_reading_holds(
    tmp_path, seed, monkeypatch
):
    monkeypatch.setattr(incremental, "MAX_SEGMENTS", 3)  # merged segments keep their docnums
    rng = random.Random(seed)
    site = Site(tmp_path, synthetic_register(COMPANIES, seed=seed))
    install = index_installer(site.index_dir)
    serving = open_generation(site.index_dir, current_generation(site.index_dir))
    followed = 0
    for step in range(STEPS):
        for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):  # publications before the next switch
            with contextlib.suppress(PublishError):  # a refused batch makes no generation
                publish(site.registry, _random_change(rng, step), install, TODAY)
        name = current_generation(site.index_dir)
        if name == serving.name:
            continue
        quick = open_generation(site.index_dir, name, serving)
        full = open_generation(site.index_dir, name)
        assert_same(quick, full)
        kept = [
            a is b
            for a, b in zip(quick.register.companies, serving.register.companies, strict=False)
        ]
        followed += sum(kept) > len(kept) // 2  # companies reused, not parsed again
        serving = quick
    assert followed >= STEPS // 3, "switches were made from the generation served"


def test_a_switch_to_the_next_generation_parses_only_the_records_it_changed(tmp_path, monkeypatch):
    site = Site(tmp_path, synthetic_register(COMPANIES))
    serving = open_generation(site.index_dir, current_generation(site.index_dir))
    publish(site.registry, _note_change(7), index_installer(site.index_dir), TODAY)
    parsed: list[int] = []
    real = opening.parse_records

    def counting(records, origin="<register>"):
        parsed.append(len(records))
        return real(records, origin)

    monkeypatch.setattr(opening, "parse_records", counting)
    monkeypatch.setattr(opening, "load_register", None)  # a full reading would fail here
    name = current_generation(site.index_dir)
    quick = open_generation(site.index_dir, name, serving)
    assert parsed == [1]
    monkeypatch.undo()
    assert_same(quick, open_generation(site.index_dir, name))


def test_a_generation_that_does_not_follow_the_one_served_is_read_in_full(tmp_path):
    """A full build names no parent; a worker two generations behind a broken chain, or serving
    a generation of another register, reads in full, and gets the same."""
    site = Site(tmp_path, synthetic_register(COMPANIES))
    install = index_installer(site.index_dir)
    first = open_generation(site.index_dir, current_generation(site.index_dir))
    publish(site.registry, _identity_change(5), install, TODAY)
    name = current_generation(site.index_dir)
    manifest = json.loads((site.index_dir / name / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parent"] is None
    stranger = Site(tmp_path / "other", synthetic_register(COMPANIES, seed=9))
    other = open_generation(stranger.index_dir, current_generation(stranger.index_dir))
    for serving in (first, other):
        assert_same(
            open_generation(site.index_dir, name, serving), open_generation(site.index_dir, name)
        )
