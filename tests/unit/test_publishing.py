"""The one publishing path: refusals, dry runs, what a writer is told, and no lost change when
two writers publish at the same moment."""

from __future__ import annotations

import copy
import datetime as dt
import fcntl
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest

from register import RegisterError
from register.publishing import PublishError, lock_file, publish
from register.source import Incoming
from search_index import current_generation
from search_index.publish import index_installer
from tests.support.site import Site

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def site(tmp_path, bundled_register_raw) -> Site:
    return Site(tmp_path / "site", bundled_register_raw)


def alias_added(slug: str, alias: str):
    """A certifier-like writer: an in-memory change of the register as it is when applied."""

    def change(current: dict) -> Incoming:
        candidate = copy.deepcopy(current)
        record = next(r for r in candidate["companies"] if r["slug"] == slug)
        record["aliases"] = [*record.get("aliases", []), alias]
        return Incoming(candidate, f"test writer {alias}", "json")

    return change


def run(site: Site, change, **options):
    return publish(site.registry, change, index_installer(site.index_dir), TODAY, **options)


def test_an_invalid_in_memory_change_is_refused_with_every_fault_and_changes_nothing(site):
    def break_two_records(current: dict) -> Incoming:
        candidate = copy.deepcopy(current)
        candidate["companies"][0]["siren"] = "123456789"
        candidate["companies"][1]["slug"] = "Not A Slug"
        return Incoming(candidate, "certifier test", "json")

    with pytest.raises(PublishError) as refused:
        run(site, break_two_records)
    assert (refused.value.kind, refused.value.exit_code) == ("invalid", 1)
    assert len(refused.value.errors) >= 2
    assert all(e.startswith("certifier test: record ") for e in refused.value.errors)
    assert site.unchanged()


def test_a_change_may_refuse_itself_with_a_register_error(site):
    def refuse(_current: dict) -> Incoming:
        raise RegisterError(["no such company"])

    with pytest.raises(PublishError) as refused:
        run(site, refuse)
    assert (refused.value.kind, refused.value.errors) == ("invalid", ["no such company"])
    assert site.unchanged()


def test_an_unreadable_current_register_is_refused_before_the_change_runs(site):
    site.registry.write_text("{not json", encoding="utf-8")
    site.remember()
    called = []
    with pytest.raises(PublishError) as refused:
        run(site, lambda current: called.append(current))
    assert (refused.value.kind, refused.value.exit_code, called) == ("unreadable", 2, [])
    assert site.unchanged()


def test_a_dry_run_describes_the_change_and_writes_nothing(site):
    done = run(site, alias_added("maif", "Mutuelle test"), dry_run=True)
    assert not done.installed and done.generation is None
    assert "~ changed: maif" in done.summary and "aliases" in done.summary
    assert site.unchanged()


def test_a_writer_records_the_staged_register_before_it_goes_live_still_holding_the_lock(site):
    seen = []

    def record_version(publication) -> None:
        assert site.unchanged(), "nothing is live before the writer has recorded it"
        data = publication.text.encode("utf-8")
        assert hashlib.sha256(data).hexdigest() == publication.sha256
        assert json.loads(data) == publication.candidate
        seen.append(publication.sha256)
        with open(lock_file(site.registry), "w") as probe, pytest.raises(BlockingIOError):
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)

    done = run(site, alias_added("maif", "Mutuelle test"), before_install=record_version)
    assert done.installed and done.generation == current_generation(site.index_dir)
    assert seen == [done.sha256] == [hashlib.sha256(site.registry.read_bytes()).hexdigest()]
    assert done.text == site.registry.read_text(encoding="utf-8")
    assert [c.slug for c in done.changes] == ["maif"]
    assert site.company("maif")["aliases"][-1] == "Mutuelle test"


def test_a_writer_that_cannot_record_installs_nothing(site):
    def unreachable(_publication) -> None:
        raise OSError("database gone")

    with pytest.raises(PublishError) as failed:
        run(site, alias_added("maif", "Mutuelle test"), before_install=unreachable)
    assert failed.value.kind == "failed" and "database gone" in failed.value.errors[0]
    assert site.unchanged()
    assert not list(site.registry.parent.glob(".import-*")), "no staged file left behind"


def test_an_identical_proposal_is_not_installed_again(site):
    done = run(site, lambda current: Incoming(current, "same", "json"))
    assert not done.installed and done.unchanged
    assert site.unchanged()


def _waiting_on(lock: Path) -> bool:
    """Whether some process or thread is blocked waiting for this flock (Linux /proc/locks)."""
    if not lock.exists():
        return False
    inode = os.stat(lock).st_ino
    return any(
        "->" in line and line.split()[-3].endswith(f":{inode}")
        for line in Path("/proc/locks").read_text().splitlines()
    )


def test_two_writers_at_the_same_moment_both_land(site):
    """The second writer reads the register only once the first one's change is live."""
    first_inside, release_first = threading.Event(), threading.Event()
    second_read: list[dict] = []
    add_first = alias_added("maif", "Premier")

    def slow_first(current: dict) -> Incoming:
        first_inside.set()
        assert release_first.wait(30)
        return add_first(current)

    def second(current: dict) -> Incoming:
        second_read.append(current)
        return alias_added("edf", "Second")(current)

    errors: list[BaseException] = []

    def in_thread(change) -> threading.Thread:
        def target() -> None:
            try:
                run(site, change)
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        thread = threading.Thread(target=target)
        thread.start()
        return thread

    threads = [in_thread(slow_first)]
    assert first_inside.wait(30)
    threads.append(in_thread(second))
    deadline = time.monotonic() + 30
    while not _waiting_on(lock_file(site.registry)) and not second_read:
        assert time.monotonic() < deadline, "the second writer neither waited nor read"
        time.sleep(0.01)
    assert not second_read, "the second writer read the register while the first was publishing"
    release_first.set()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert site.company("maif")["aliases"][-1] == "Premier"
    assert site.company("edf")["aliases"][-1] == "Second"
    maif = next(r for r in second_read[0]["companies"] if r["slug"] == "maif")
    assert maif["aliases"][-1] == "Premier", "the second writer started from the first's result"
