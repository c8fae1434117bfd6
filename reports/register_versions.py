"""One register for several nodes: every shared write appends a version to the database, and
every node installs the versions newer than the one it last installed.

Each node keeps its own register file and index (reads never touch the database); the
database only orders the writes. A shared write holds the database's write lock (BEGIN
IMMEDIATE on SQLite, an advisory lock on PostgreSQL) from reading the newest version to
appending its own, so two certifiers writing through two nodes at once cannot lose a change:
the second one first installs what the first appended, then applies its change on top.
Installing goes through register.publishing.publish like every write, so a version is
validated again on each node before it goes live there.

A version is recorded before it goes live anywhere, the writing node included: `publish`
hands the staged register (validated, its file's text and SHA-256 computed, nothing switched
yet) to `_record`, which appends it and commits; only then does the node install it. Why this
order, and not install-then-record with a repair afterwards: a worker killed in between
(gunicorn's timeout, a crash) then leaves a version recorded that this node has not installed
yet, which is what every follower already heals — each node installs the versions newer than
the one it last installed, at its next poll (or start). The other order left a write live on
one node only: no other node could learn it, and it could not be appended later without
undoing a write another node had appended meanwhile, nor rolled back without withdrawing what
readers had already seen, journal line included. So nothing is ever served that the shared
record lacks, and every write that was recorded is served by every node. A node that fails to
install a version it recorded (a full disk, say) logs it and installs it again at its next
poll, like any follower; the writer is answered as for any recorded write.

A version's body is the register file's text as `publish` staged it, and its digest that file's
SHA-256 (so the digest is the SHA-256 of the body's UTF-8 bytes): nothing is serialised again.

A node remembers the last version it installed in a small file beside its register, so a
restart does not reinstall anything, and a local-only write (an import run on this node
without the database) is not undone by the poll; it reaches the other nodes with this node's
next shared write. A version whose file this node's register already is (its writer died
before remembering it) is remembered without being installed again.

No worker blocks on the register's file lock to follow: a poll that finds it taken (the node's
writer installing what it recorded, another worker following) skips its turn, and within one
process shared writes and catch-ups take turns (`_NODE`) — under gevent a write waiting on the
database yields to the worker's other requests, none of which may then block the process on
the lock that write holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, select, text

from register.publishing import (
    FAILED,
    Installer,
    Proposal,
    Publication,
    PublishError,
    busy,
    publish,
)
from register.source import Incoming
from reports.database import Database
from reports.tables import register_versions

POSTGRES_PUBLISH_LOCK = 0x52435F21  # any constant, the same on every node
_NODE = threading.Lock()  # cooperative under gevent's monkey-patching, as the workers run
log = logging.getLogger(__name__)


def marker(registry: Path) -> Path:
    return registry.parent / f".{registry.name}.version"


def installed_version(registry: Path) -> int:
    try:
        return int(marker(registry).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return 0


def newest_version(db: Database) -> int:
    """The cheap question every node asks every few seconds."""
    query = select(register_versions.c.id).order_by(register_versions.c.id.desc()).limit(1)
    with db.reading() as connection:
        return connection.execute(query).scalar() or 0


def publish_shared(
    db: Database,
    registry: Path,
    change: Proposal,
    install: Installer,
    today: dt.date,
    author: str,
    now: dt.datetime,
    dry_run: bool = False,
    before_commit: Callable[[Connection, Publication], None] | None = None,
) -> Publication:
    """Catch up with the newest version, record the change as a new version, install it here.

    Raises register.publishing.PublishError like `publish` when nothing was recorded (nothing
    is recorded on a dry run either). `before_commit` runs inside the same transaction (an
    audit row commits with its version, or alone when nothing changed).
    """
    recorded: list[tuple[int, Publication]] = []

    def record(staged: Publication) -> None:
        recorded.append((_append(connection, staged, author, now), staged))
        if before_commit is not None:
            before_commit(connection, staged)
        connection.commit()  # recorded: from here on every node installs it, this one too

    with _NODE, db.writing() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_PUBLISH_LOCK}
            )
        if not dry_run:
            _catch_up(connection, registry, install, today)
        try:
            publication = publish(
                registry, change, install, today, dry_run=dry_run, before_install=record
            )
        except PublishError as exc:
            if not recorded:
                raise
            version, staged = recorded[0]
            log.error("register version %s recorded, not installed here yet: %s", version, exc)
            return staged
        if not recorded and before_commit is not None:
            before_commit(connection, publication)
    if recorded:
        _remember(registry, recorded[0][0])
    return publication


def follow(db: Database, registry: Path, install: Installer, today: dt.date) -> int | None:
    """Install the newest version if this node has not; the version installed, else None —
    also while this node is publishing (its writer is installing the version it recorded, or
    another poll is installing it): the next poll follows, and no worker waits meanwhile."""
    if newest_version(db) <= installed_version(registry) or busy(registry):
        return None
    if not _NODE.acquire(blocking=False):
        return None
    try:
        with db.reading() as connection:
            return _catch_up(connection, registry, install, today)
    finally:
        _NODE.release()


def _append(connection: Connection, staged: Publication, author: str, now: dt.datetime) -> int:
    """The staged register as the next version: its file's text and SHA-256, as published."""
    return connection.execute(
        register_versions.insert().values(
            created_at=now, digest=staged.sha256, author=author, body=staged.text
        )
    ).inserted_primary_key[0]


def _catch_up(connection: Connection, registry: Path, install: Installer, today: dt.date):
    """Install the newest version unless this node has it: its register file is the version's
    (the digest is the file's SHA-256) when its writer died before remembering it."""
    row = connection.execute(
        select(register_versions.c.id, register_versions.c.digest)
        .order_by(register_versions.c.id.desc())
        .limit(1)
    ).first()
    if row is None or row.id <= installed_version(registry):
        return None
    if row.digest == _file_sha256(registry):
        _remember(registry, row.id)
        return row.id
    origin = f"register version {row.id}"
    body = connection.execute(
        select(register_versions.c.body).where(register_versions.c.id == row.id)
    ).scalar_one()
    try:
        body = json.loads(body)
        publish(registry, lambda _current: Incoming(body, origin, "json"), install, today)
    except (ValueError, PublishError) as exc:  # not the writer's fault: the node cannot follow
        raise PublishError(FAILED, [f"{origin} cannot be installed on this node: {exc}"]) from exc
    _remember(registry, row.id)
    return row.id


def _file_sha256(registry: Path) -> str | None:
    try:
        return hashlib.sha256(registry.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _remember(registry: Path, version: int) -> None:
    temporary = marker(registry).with_suffix(".tmp")
    temporary.write_text(str(version), encoding="utf-8")
    temporary.replace(marker(registry))
