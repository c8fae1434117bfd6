"""One code path for SQLite (the default file under var/) and PostgreSQL (several nodes).

SQLite is made safe for several gunicorn workers: WAL (readers never wait for the writer),
and every write starts with BEGIN IMMEDIATE, which takes the write lock up front: a deferred
transaction that reads first and writes later can fail with "database is locked" at once.

Waiting for that lock must not stop the worker: SQLite's busy timeout waits inside C, where
gevent cannot switch, so one write queued behind a lock froze every request of its worker
(/healthz took 9.75 s). SQLite's own wait is therefore kept to BUSY_STEP_MS; the write lock is
asked for again and again, with a Python sleep in between (cooperative under gevent's
monkey-patching), for up to BUSY_TIMEOUT_MS in all. PostgreSQL needs nothing of the kind:
psycopg waits on its socket through the patched `select` when gevent has patched it.

Nothing here connects at import or construction: `Database` opens its engine on first use,
so no connection exists before gunicorn forks its workers.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from register.paths import PROJECT_ROOT

DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'reports.sqlite3'}"
BUSY_TIMEOUT_MS = 10_000  # the longest a write waits for the lock, in all
BUSY_STEP_MS = 20  # the longest SQLite itself waits, blocking its thread, per attempt
MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant will do: it only has to be the same on every node migrating this database.
POSTGRES_MIGRATION_LOCK = 0x52435F14


class LogInUse(RuntimeError):
    """The erased values are gone from every query but still in SQLite's write-ahead log."""


class Database:
    """A lazily opened engine plus the migration check, shared by the web app and the CLI."""

    def __init__(self, url: str):
        self.url = url
        self._engine: Engine | None = None
        self._migrated = False
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.url)
            if not self._migrated:
                upgrade(self._engine)
                self._migrated = True
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with write_transaction(self.engine) as connection:
            yield connection

    def forget_erased(self) -> None:
        """Make values just overwritten unreadable from the files, not only from queries.

        SQLite (with `secure_delete`, which zeroes freed space in a page) keeps the previous
        version of each page in its write-ahead log until a checkpoint: TRUNCATE copies the log
        back and empties it, waiting for readers within the busy timeout. PostgreSQL keeps old
        row versions until a VACUUM. Either runs after a purge, outside its transaction.
        """
        engine = self.engine
        if engine.dialect.name == "sqlite":
            deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
            with engine.connect() as connection:
                while connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar():
                    if time.monotonic() >= deadline:
                        raise LogInUse("readers kept the write-ahead log busy; purge again")
                    time.sleep(BUSY_STEP_MS / 1000)
        elif engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM reports")

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # the documented form; psycopg 3 is the driver we ship
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    if parsed.database and parsed.database != ":memory:":
        _create_private(Path(parsed.database))
    engine = create_engine(url, connect_args={"timeout": BUSY_STEP_MS / 1000})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _create_private(path: Path) -> None:
    """Reporters' addresses are in this file: only its owner may read it. SQLite gives the
    `-wal` and `-shm` files it creates beside it the same permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(descriptor, stat.S_IMODE(os.fstat(descriptor).st_mode) & 0o700)
    finally:
        os.close(descriptor)


def _configure_sqlite(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling would defer BEGIN; we emit BEGIN ourselves.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_STEP_MS}")
    # Switching a fresh file to WAL needs it to itself: a process migrating it at that moment
    # answers "locked", which is a reason to wait, not to fail this worker's first request.
    _when_unlocked("PRAGMA journal_mode=WAL", lambda: cursor.execute("PRAGMA journal_mode=WAL"))
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # an erased address leaves no bytes behind
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    if not connection.info.get("immediate"):
        connection.exec_driver_sql("BEGIN")
        return
    sqlite = connection.connection.driver_connection
    _when_unlocked("BEGIN IMMEDIATE", lambda: sqlite.execute("BEGIN IMMEDIATE"))


def _when_unlocked(statement: str, run: Callable[[], object]) -> None:
    """Run a statement that needs a lock another connection may hold, asking again with a
    Python sleep in between (cooperative under gevent) for up to BUSY_TIMEOUT_MS."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            run()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise OperationalError(statement, None, exc) from exc
        time.sleep(BUSY_STEP_MS / 1000)  # yields to the worker's other requests under gevent


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the write lock from its first statement (SQLite)."""
    with engine.connect() as connection:
        connection.info["immediate"] = True  # info lives with the pooled DBAPI connection
        try:
            with connection.begin():
                yield connection
        finally:
            connection.info.pop("immediate", None)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest migration, once, whoever gets there first."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with write_transaction(engine) as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
