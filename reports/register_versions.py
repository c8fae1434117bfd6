"""One register for several nodes: every shared write appends a version to the database, and
every node installs the versions newer than the one it last installed.

Each node keeps its own register file and index (reads never touch the database); the
database only orders the writes. A shared write holds the database's write lock (BEGIN
IMMEDIATE on SQLite, an advisory lock on PostgreSQL) from reading the newest version to
appending its own, so two certifiers writing through two nodes at once cannot lose a change:
the second one first installs what the first appended, then applies its change on top.
Installing goes through register.publishing.publish like every write, so a version is
validated again on each node before it goes live there.

A node remembers the last version it installed in a small file beside its register, so a
restart does not reinstall anything, and a local-only write (an import run on this node)
is not undone by the poll; it reaches the other nodes with this node's next shared write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, text

from register.publishing import FAILED, Installer, Proposal, Publication, PublishError, publish
from register.source import Incoming
from reports.database import Database
from reports.tables import register_versions

POSTGRES_PUBLISH_LOCK = 0x52435F21  # any constant, the same on every node


def digest(raw: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(raw, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


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
    """Catch up with the newest version, publish the change on this node, append it.

    Raises register.publishing.PublishError like `publish`; nothing is appended then, nor on
    a dry run. `before_commit` runs inside the same transaction (an audit row commits with
    its version).
    """
    with db.writing() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_PUBLISH_LOCK}
            )
        if not dry_run:
            _catch_up(connection, registry, install, today)
        publication = publish(registry, change, install, today, dry_run=dry_run)
        appended = None
        if publication.installed:
            appended = connection.execute(
                register_versions.insert().values(
                    created_at=now,
                    digest=digest(publication.candidate),
                    author=author,
                    body=json.dumps(publication.candidate, ensure_ascii=False),
                )
            ).inserted_primary_key[0]
        if before_commit is not None:
            before_commit(connection, publication)
    if appended is not None:
        _remember(registry, appended)
    return publication


def follow(db: Database, registry: Path, install: Installer, today: dt.date) -> int | None:
    """Install the newest version if this node has not; the version installed, else None."""
    if newest_version(db) <= installed_version(registry):
        return None
    with db.reading() as connection:
        return _catch_up(connection, registry, install, today)


def _catch_up(connection: Connection, registry: Path, install: Installer, today: dt.date):
    row = connection.execute(
        select(register_versions.c.id, register_versions.c.body)
        .order_by(register_versions.c.id.desc())
        .limit(1)
    ).first()
    if row is None or row.id <= installed_version(registry):
        return None
    origin = f"register version {row.id}"
    try:
        body = json.loads(row.body)
        publish(registry, lambda _current: Incoming(body, origin, "json"), install, today)
    except (ValueError, PublishError) as exc:  # not the writer's fault: the node cannot follow
        raise PublishError(FAILED, [f"{origin} cannot be installed on this node: {exc}"]) from exc
    _remember(registry, row.id)
    return row.id


def _remember(registry: Path, version: int) -> None:
    temporary = marker(registry).with_suffix(".tmp")
    temporary.write_text(str(version), encoding="utf-8")
    temporary.replace(marker(registry))
