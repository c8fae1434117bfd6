"""Two nodes, one database: a write on one node is installed by the other, and a node that has
not caught up yet applies its own write on top of the newest version (no lost update). A write
is recorded before it goes live anywhere, so a writer killed in between leaves a version every
node, the writer's included, installs at its next poll."""

from __future__ import annotations

import copy
import datetime as dt
import fcntl
import hashlib
import json

import pytest
from sqlalchemy import select

from register import RegisterError
from register.publishing import InstallFailed, PublishError, lock_file
from register.source import Incoming
from reports import register_versions as register_versions_module
from reports.database import Database
from reports.register_versions import follow, installed_version, newest_version, publish_shared
from reports.tables import register_versions
from search_index import current_generation
from search_index.publish import index_installer

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def nodes(tmp_path, bundled_register_raw, database_url):
    """Each node: its own register file and index, as deployed; one shared database."""
    db = Database(database_url)
    made = []
    for name in ("a", "b"):
        registry = tmp_path / name / "register.json"
        registry.parent.mkdir()
        registry.write_text(json.dumps(bundled_register_raw), encoding="utf-8")
        made.append((registry, index_installer(tmp_path / name / "index")))
    yield db, made
    db.dispose()


def renamed(slug: str, name: str):
    def change(current: dict) -> Incoming:
        candidate = copy.deepcopy(current)
        record = next(r for r in candidate["companies"] if r["slug"] == slug)
        record["note"] = name
        return Incoming(candidate, "test", "json")

    return change


def note(registry, slug: str) -> str | None:
    raw = json.loads(registry.read_text(encoding="utf-8"))
    return next(r for r in raw["companies"] if r["slug"] == slug)["note"]


def test_a_write_on_node_a_is_installed_by_node_b(nodes, tmp_path):
    db, [(registry_a, install_a), (registry_b, install_b)] = nodes
    publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install_a, TODAY, "a", NOW)
    assert newest_version(db) == installed_version(registry_a) == 1
    assert note(registry_b, "maif") != "écrit sur A"
    assert follow(db, registry_b, install_b, TODAY) == 1
    assert note(registry_b, "maif") == "écrit sur A"
    assert current_generation(tmp_path / "b" / "index") == current_generation(
        tmp_path / "a" / "index"
    )
    assert follow(db, registry_b, install_b, TODAY) is None, "nothing newer: nothing to do"


def test_a_node_that_has_not_followed_yet_writes_on_top_of_the_newest_version(nodes):
    db, [(registry_a, install_a), (registry_b, install_b)] = nodes
    publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install_a, TODAY, "a", NOW)
    publish_shared(db, registry_b, renamed("edf", "écrit sur B"), install_b, TODAY, "b", NOW)
    assert (note(registry_b, "maif"), note(registry_b, "edf")) == ("écrit sur A", "écrit sur B")
    follow(db, registry_a, install_a, TODAY)
    assert registry_a.read_text() == registry_b.read_text()
    assert newest_version(db) == 2


def test_a_local_write_is_not_undone_by_following(nodes):
    """An import run on one node only (no database configured) stays until a newer version."""
    db, [(registry_a, install_a), _] = nodes
    publish_shared(db, registry_a, renamed("maif", "partagé"), install_a, TODAY, "a", NOW)
    local = json.loads(registry_a.read_text())
    local["companies"][0]["note"] = "import local"
    registry_a.write_text(json.dumps(local), encoding="utf-8")
    assert follow(db, registry_a, install_a, TODAY) is None
    assert json.loads(registry_a.read_text())["companies"][0]["note"] == "import local"


def test_a_dry_run_appends_nothing(nodes):
    db, [(registry_a, install_a), _] = nodes
    before = registry_a.read_text()
    publish_shared(
        db, registry_a, renamed("maif", "essai"), install_a, TODAY, "a", NOW, dry_run=True
    )
    assert newest_version(db) == 0 and registry_a.read_text() == before


def _body(db: Database, version: int) -> tuple[str, str]:
    query = select(register_versions.c.digest, register_versions.c.body).where(
        register_versions.c.id == version
    )
    with db.reading() as connection:
        return tuple(connection.execute(query).one())


def test_a_version_is_the_file_the_writer_installs_its_text_and_sha256(nodes):
    db, [(registry_a, install_a), (registry_b, install_b)] = nodes
    publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install_a, TODAY, "a", NOW)
    digest, body = _body(db, 1)
    assert body == registry_a.read_text(encoding="utf-8")
    assert digest == hashlib.sha256(body.encode("utf-8")).hexdigest()
    follow(db, registry_b, install_b, TODAY)
    assert hashlib.sha256(registry_b.read_bytes()).hexdigest() == digest


def test_a_version_is_recorded_before_any_node_serves_it(nodes, tmp_path):
    db, [(registry_a, install_a), _] = nodes
    seen = []

    def install(staged):
        seen.append((newest_version(db), current_generation(tmp_path / "a" / "index")))
        return install_a(staged)

    before = current_generation(tmp_path / "a" / "index")
    publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install, TODAY, "a", NOW)
    assert seen == [(1, before)], "recorded (and visible to every node) before it went live"


def test_a_writer_killed_between_recording_and_installing_is_followed_by_every_node(nodes):
    """What gunicorn's timeout or a crash leaves: a recorded version no node serves yet. The
    writing node installs it at its next poll, as the other node does."""
    db, [(registry_a, install_a), (registry_b, install_b)] = nodes

    def killed(_staged):
        raise SystemExit("worker killed")

    with pytest.raises(SystemExit):
        publish_shared(db, registry_a, renamed("maif", "écrit sur A"), killed, TODAY, "a", NOW)
    assert newest_version(db) == 1 and installed_version(registry_a) == 0
    assert note(registry_a, "maif") != "écrit sur A"
    assert follow(db, registry_a, install_a, TODAY) == 1
    assert follow(db, registry_b, install_b, TODAY) == 1
    assert registry_a.read_bytes() == registry_b.read_bytes()
    assert note(registry_b, "maif") == "écrit sur A"


def test_a_recorded_version_this_node_failed_to_install_is_installed_at_its_next_poll(nodes):
    db, [(registry_a, install_a), _] = nodes

    def failing(_staged):
        raise InstallFailed("disk full")

    done = publish_shared(db, registry_a, renamed("maif", "écrit sur A"), failing, TODAY, "a", NOW)
    assert not done.installed and done.sha256 == _body(db, 1)[0], "answered as recorded"
    assert installed_version(registry_a) == 0
    assert follow(db, registry_a, install_a, TODAY) == 1
    assert note(registry_a, "maif") == "écrit sur A"


def test_nothing_is_recorded_when_the_change_is_refused_or_unchanged(nodes):
    db, [(registry_a, install_a), _] = nodes
    audited = []

    def refuse(_current: dict) -> Incoming:
        raise RegisterError(["refusé"])

    with pytest.raises(PublishError):
        publish_shared(
            db, registry_a, refuse, install_a, TODAY, "a", NOW,
            before_commit=lambda _c, p: audited.append(p),
        )  # fmt: skip
    same = publish_shared(
        db, registry_a, lambda current: Incoming(current, "same", "json"), install_a, TODAY,
        "a", NOW, before_commit=lambda _c, p: audited.append(p.unchanged),
    )  # fmt: skip
    assert same.unchanged and audited == [True] and newest_version(db) == 0


def test_a_writer_killed_after_installing_is_remembered_without_installing_again(
    nodes, monkeypatch
):
    db, [(registry_a, install_a), _] = nodes

    def killed(_registry, _version):
        raise SystemExit("worker killed")

    monkeypatch.setattr(register_versions_module, "_remember", killed)
    with pytest.raises(SystemExit):
        publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install_a, TODAY, "a", NOW)
    monkeypatch.undo()
    installs = []
    assert follow(db, registry_a, lambda staged: installs.append(staged), TODAY) == 1
    assert installs == [] and installed_version(registry_a) == 1, "the file is the version's"


def test_a_poll_skips_its_turn_while_this_node_is_publishing(nodes):
    """No worker waits on the register's lock, nor on this process's other writes, to follow:
    its next poll does it."""
    db, [(registry_a, install_a), (registry_b, install_b)] = nodes
    publish_shared(db, registry_a, renamed("maif", "écrit sur A"), install_a, TODAY, "a", NOW)
    with open(lock_file(registry_b), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert follow(db, registry_b, install_b, TODAY) is None
    with register_versions_module._NODE:  # this process is writing or following already
        assert follow(db, registry_b, install_b, TODAY) is None
    assert follow(db, registry_b, install_b, TODAY) == 1
