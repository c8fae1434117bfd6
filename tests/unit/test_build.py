"""Index generations: built aside, verified, switched atomically; failures change nothing."""

from __future__ import annotations

import json

import pytest

from register import RegisterError
from search_index import BuildError, LiveIndex, build_index, current_generation, ensure_index
from search_index import build as build_module
from search_index.whoosh_schema import SCHEMA_VERSION


def test_ensure_index_builds_when_missing_and_reuses_after(tmp_path, write_register):
    register = write_register()
    first = ensure_index(register, tmp_path / "ix")
    assert current_generation(tmp_path / "ix") == first
    assert ensure_index(register, tmp_path / "ix") == first


def test_new_register_switches_generation(tmp_path, write_register):
    root = tmp_path / "ix"
    old = build_index(write_register(), root)

    def drop_maif(raw):
        raw["companies"] = [c for c in raw["companies"] if c["slug"] != "maif"]

    new = build_index(write_register(drop_maif, "smaller.json"), root)
    assert new != old
    live = LiveIndex(root, check_interval=0)
    assert live.current().name == new
    assert live.current().index.search("maif").verdict is None


def test_invalid_register_leaves_live_generation_untouched(tmp_path, write_register):
    root = tmp_path / "ix"
    good = build_index(write_register(), root)

    def corrupt(raw):
        raw["companies"][0]["siren"] = "123"

    with pytest.raises(RegisterError):
        build_index(write_register(corrupt, "bad.json"), root)
    assert current_generation(root) == good


def test_failed_verification_leaves_live_generation_untouched(
    tmp_path, write_register, monkeypatch
):
    root = tmp_path / "ix"
    good = build_index(write_register(), root)

    def broken_verify(directory, register):
        raise BuildError("simulated verification failure")

    monkeypatch.setattr(build_module, "_verify", broken_verify)

    def rename(raw):
        raw["companies"][0]["name"] = "Boulanger Électroménager"

    with pytest.raises(BuildError):
        build_index(write_register(rename, "renamed.json"), root)
    assert current_generation(root) == good
    assert not list(root.glob(".staging-*"))


def test_live_index_keeps_serving_when_pointer_names_a_broken_generation(tmp_path, write_register):
    root = tmp_path / "ix"
    good = build_index(write_register(), root)
    live = LiveIndex(root, check_interval=0)
    assert live.current().name == good
    broken = root / "gen-broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{}")
    (root / "CURRENT").write_text("gen-broken\n")
    assert live.current().name == good


def test_a_concurrent_build_never_deletes_a_published_generation(
    tmp_path, write_register, monkeypatch
):
    """Two gunicorn workers may both build on a fresh start: the loser keeps the winner's copy."""
    root = tmp_path / "ix"
    register = write_register()
    real_write = build_module._write_generation
    published: list = []
    other_worker = {"started": False}

    def write_while_another_worker_publishes(*arguments):
        real_write(*arguments)
        if not other_worker["started"]:  # it finishes first, between our check and rename
            other_worker["started"] = True
            name_won = build_index(register, root)
            published.append((name_won, (root / name_won / "manifest.json").stat().st_ino))

    monkeypatch.setattr(build_module, "_write_generation", write_while_another_worker_publishes)
    build_index(register, root)
    name, inode = published[0]
    assert (root / name / "manifest.json").stat().st_ino == inode, "winner's files replaced"
    assert LiveIndex(root, check_interval=0).current().index.manifest["built_at"]


def test_a_generation_of_an_older_schema_is_rebuilt_at_start_not_opened(tmp_path, write_register):
    root = tmp_path / "ix"
    old = build_index(write_register(), root)
    manifest = root / old / "manifest.json"
    older = json.loads(manifest.read_text()) | {"schema_version": SCHEMA_VERSION - 1}
    manifest.write_text(json.dumps(older))
    renamed = root / old.replace(f"-s{SCHEMA_VERSION}", f"-s{SCHEMA_VERSION - 1}")
    (root / old).rename(renamed)
    (root / "CURRENT").write_text(renamed.name + "\n")
    assert ensure_index(write_register(), root) == old
    assert (root / "CURRENT").read_text().strip() == old
