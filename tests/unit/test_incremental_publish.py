"""A publication that reads, writes and indexes only what changed gives what a full rebuild
gives: the same register file byte for byte (journal lines included), the same generation and
the same search answers for every company.

Two sites start from the same synthetic register and receive the same random changes: one
through the ordinary path (checks only changed records, reuses the unchanged companies' text,
updates the live index), the other forced through the full path every time (no validity mark,
so every record is checked and the file written by json.dumps; a full index build).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import random
from pathlib import Path

import pytest

from bench.synth_registry import synthetic_register
from register import RegisterError
from register.certificates import apply_certificates
from register.publishing import PublishError, Staged, publish, rules_digest, validated_mark
from register.source import Incoming
from search_index import SearchIndex, build_index, current_generation, incremental
from search_index.publish import index_installer
from tests.support.site import Site

TODAY = dt.date(2026, 11, 30)
COMPANIES = 80
STEPS = 12


class Pair:
    """The site under test (`quick`) and its full-rebuild twin (`full`)."""

    def __init__(self, root: Path, raw: dict):
        self.quick = Site(root / "quick", raw)
        self.full = Site(root / "full", raw)
        self.segments: list[int] = []

    def publish(self, change, today: dt.date) -> bool:
        """Apply `change` to both; True when both installed it, False when both refused it."""
        outcomes = []
        validated_mark(self.full.registry).unlink(missing_ok=True)
        for site, install in (
            (self.quick, index_installer(self.quick.index_dir)),
            (self.full, self._full_build(self.full.index_dir)),
        ):
            try:
                publish(site.registry, change, install, today)
                outcomes.append(True)
            except PublishError as exc:
                outcomes.append(exc.kind)
        assert outcomes[0] == outcomes[1]
        self.segments.append(_segments(self.quick))
        return outcomes[0] is True

    @staticmethod
    def _full_build(index_dir: Path):
        return lambda staged: build_index(staged.path, index_dir)

    def assert_same(self) -> None:
        assert self.quick.registry.read_bytes() == self.full.registry.read_bytes()
        generation = current_generation(self.quick.index_dir)
        assert generation == current_generation(self.full.index_dir)
        raw = json.loads(self.full.registry.read_text(encoding="utf-8"))
        quick = SearchIndex(self.quick.index_dir / generation)
        full = SearchIndex(self.full.index_dir / generation)
        try:
            assert quick.document_count == full.document_count == len(raw["companies"])
            for record in raw["companies"]:
                for query in _queries(record):
                    assert quick.search(query) == full.search(query), query
        finally:
            quick.close()
            full.close()


def _segments(site: Site) -> int:
    return incremental.segment_count(site.index_dir / current_generation(site.index_dir))


def _queries(record: dict) -> list[str]:
    name = record["name"]
    queries = [name, name[:4], name[:-1], f"service client {name}", record["slug"]]
    queries += [*record.get("aliases", []), *record.get("domains", [])]
    queries += [record["siren"]] if record.get("siren") else []
    queries += [c["number"] for c in record.get("certificates", [])]
    return queries


def _certifier_batch(seed: int, step: int, refused: bool):
    """A random batch: new numbers, new versions of held ones, repeats, new companies (the same
    batch each time it is applied to the same register)."""

    def change(current: dict) -> Incoming:
        rng = random.Random(seed)
        companies = current["companies"]
        records = []
        held = [(c, r) for r in companies for c in r.get("certificates", [])]
        for position in range(rng.randint(1, 12)):
            kind = rng.choice(["new", "new", "version", "repeat", "company"])
            company = rng.choice(companies)
            designation = rng.choice([{"siren": company["siren"]}, {"slug": company["slug"]}])
            record = {
                "number": f"RCF-{step:02d}-{position:03d}",
                "company": designation,
                "status": "active",
                "issued_on": "2026-01-15",
                "valid_until": "2030-01-14",
            }
            if kind in ("version", "repeat") and held:
                certificate, holder = rng.choice(held)
                latest = certificate["versions"][-1]
                record["number"] = certificate["number"]
                record["company"] = {"slug": holder["slug"]}
                record.update({k: latest[k] for k in ("status", "issued_on", "valid_until")})
                if latest.get("status_since"):
                    record["status_since"] = latest["status_since"]
                if kind == "version":
                    record.update(status="suspended", status_since="2026-06-01")
            elif kind == "company":
                number = 900_000 + step * 100 + position
                record["company"] = {"siren": _siren(number), "name": f"Nouvelle {number} SAS",
                                     "domain": f"nouvelle-{number}.test"}  # fmt: skip
            if any(r["number"] == record["number"] for r in records):
                continue
            records.append(record)
        if refused and held:  # a number another company holds: the whole batch is refused
            certificate, holder = held[0]
            other = next(r for r in companies if r["slug"] != holder["slug"])
            records.append({**records[0], "number": certificate["number"],
                            "company": {"slug": other["slug"]}})  # fmt: skip
        batch = apply_certificates(current, records, "Organisme de test", TODAY)
        if batch.errors:
            raise RegisterError([e["message"] for e in batch.errors])
        return Incoming(batch.candidate, "certificates from Organisme de test", "json")

    return change


def _siren(number: int) -> str:
    """A Luhn-valid SIREN from an 8-digit number."""
    digits = f"{number:08d}"
    for check in "0123456789":
        total = 0
        for index, char in enumerate(reversed(digits + check)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits + check
    raise AssertionError("unreachable: one check digit always fits")


def _identity_change(seed: int):
    """An import-like change of a company's aliases: its index document changes."""

    def change(current: dict) -> Incoming:
        rng = random.Random(seed)
        candidate = copy.deepcopy(current)
        record = rng.choice(candidate["companies"])
        record["aliases"] = [*record.get("aliases", []), f"Alias {rng.randrange(10**6)}"]
        return Incoming(candidate, "identity change", "json")

    return change


def _as_a_whole(change):
    """What another node receives: the whole register as a fresh body (nothing shared)."""

    def whole(current: dict) -> Incoming:
        incoming = change(current)
        return Incoming(json.loads(json.dumps(incoming.raw)), incoming.origin, "json")

    return whole


@pytest.mark.parametrize("seed", [1, 2])
def test_random_batches_publish_what_a_full_rebuild_publishes(tmp_path, seed, monkeypatch):
    monkeypatch.setattr(incremental, "MAX_SEGMENTS", 3)  # merges happen within a few steps
    rng = random.Random(seed)
    pair = Pair(tmp_path, synthetic_register(COMPANIES, seed=seed))
    installed = 0
    for step in range(STEPS):
        roll = rng.random()
        if roll < 0.1:
            change = _identity_change(rng.randrange(10**9))
        else:
            change = _certifier_batch(rng.randrange(10**9), step, refused=roll > 0.9)
            change = _as_a_whole(change) if 0.7 < roll <= 0.9 else change
        installed += pair.publish(change, TODAY + dt.timedelta(days=step // 3))
        pair.assert_same()
    assert installed >= STEPS // 2
    assert max(pair.segments) > 1, "the index was updated, not only rebuilt"
    assert max(pair.segments) <= 3, "segments after the first were merged, in order"


def test_a_register_edited_by_hand_is_checked_whole_again(tmp_path):
    """The validity mark names the file's bytes: once they change outside publishing, a fault
    anywhere in the register refuses the next publication, as a full check would."""
    pair = Pair(tmp_path, synthetic_register(COMPANIES))
    assert pair.publish(_certifier_batch(3, 0, refused=False), TODAY)
    site = pair.quick
    raw = json.loads(site.registry.read_text(encoding="utf-8"))
    raw["companies"][-1]["siren"] = "123456789"  # fails its check digit
    site.registry.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(PublishError) as refused:
        publish(site.registry, _certifier_batch(4, 1, refused=False),
                index_installer(site.index_dir), TODAY)  # fmt: skip
    assert any("siren" in error for error in refused.value.errors)


@pytest.mark.parametrize(("rules", "refused"), [("current", False), ("older", True)])
def test_a_mark_made_under_other_rules_has_the_register_checked_whole(tmp_path, rules, refused):
    """A deploy that changes the rules invalidates every mark by itself: a file marked under
    older rules is checked whole (a fault they let through is found); under the current rules
    the mark is trusted, which shows the incremental check really skips unchanged records."""
    pair = Pair(tmp_path, synthetic_register(COMPANIES))
    assert pair.publish(_certifier_batch(3, 0, refused=False), TODAY)
    site = pair.quick
    raw = json.loads(site.registry.read_text(encoding="utf-8"))
    raw["companies"][0]["siren"] = "123456789"  # what older rules might have let through
    data = json.dumps(raw, ensure_ascii=False, indent=2).encode("utf-8")
    site.registry.write_bytes(data)
    digest = rules_digest() if rules == "current" else "0" * 64
    mark = f"{hashlib.sha256(data).hexdigest()} rules:{digest}\n"
    validated_mark(site.registry).write_text(mark, encoding="ascii")
    batch = _certifier_batch(4, 1, refused=False)
    install = index_installer(site.index_dir)
    if not refused:  # a dry run is the check alone: no index build to find the fault later
        publish(site.registry, batch, install, TODAY, dry_run=True)
        return
    with pytest.raises(PublishError) as refusal:
        publish(site.registry, batch, install, TODAY, dry_run=True)
    assert any("siren" in error for error in refusal.value.errors)


def test_an_index_that_is_not_the_register_s_is_rebuilt_not_updated(tmp_path):
    """The live generation must index the very file being replaced, else no update: a company
    added at the end goes into a segment of its own only when the digests agree."""
    site = Site(tmp_path / "site", synthetic_register(COMPANIES))
    previous = json.loads(site.registry.read_text(encoding="utf-8"))
    raw = json.loads(json.dumps(previous))
    raw["companies"].append({**raw["companies"][0], "slug": "ajout", "name": "Ajout Fictif"})
    staged = tmp_path / "staged.json"
    staged.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sha256 = hashlib.sha256(site.registry.read_bytes()).hexdigest()
    install = index_installer(site.index_dir)
    install(Staged(staged, raw, "0" * 64, previous, "f" * 64))  # not the live generation's file
    assert _segments(site) == 1
    site = Site(tmp_path / "again", synthetic_register(COMPANIES))
    install = index_installer(site.index_dir)
    install(Staged(staged, raw, "0" * 64, previous, sha256))
    assert _segments(site) == 2
