"""Report storage: migrations, writes, filters, append-only decisions, purge.

On SQLite here; the server tier runs the same tests on PostgreSQL
(tests/server/test_reports_store_postgresql.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import threading
import time

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from reports import database as database_module
from reports.database import Database
from reports.store import (
    AlreadyDecided,
    add_report,
    get_report,
    list_reports,
    purge_emails,
    record_decision,
)
from reports.submission import Submission

NOW = dt.datetime(2026, 11, 29, 10, 0, tzinfo=dt.UTC)


def submission(**changes) -> Submission:
    fields = {
        "kind": "withdrawn",
        "company_slug": "maif",
        "company_name": "MAIF",
        "details": "Le label a été retiré selon le communiqué.",
        "evidence_url": "https://example.org/communique",
        "email": "lecteur@example.org",
    }
    return Submission(**{**fields, **changes})


def test_a_fresh_database_is_migrated_by_alembic_on_first_use(db):
    assert {"reports", "decisions", "alembic_version"} <= set(inspect(db.engine).get_table_names())
    with db.reading() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0004"
        )
    columns = {column["name"] for column in inspect(db.engine).get_columns("reports")}
    assert "certificate" in columns, "a company's own certificate is kept with its report"


def test_a_report_is_stored_and_read_back_with_an_aware_utc_time(db):
    reference = add_report(db, submission(), NOW)
    report = get_report(db, reference)
    assert report.reference == reference and report.state == "pending"
    assert report.received_at == NOW and report.received_at.tzinfo is not None
    assert report.email == "lecteur@example.org"
    assert get_report(db, "S-0000-0000") is None


def test_list_filters_by_state_kind_and_company(db):
    first = add_report(db, submission(), NOW)
    second = add_report(
        db, submission(kind="error", company_slug="boulanger", company_name="Boulanger"), NOW
    )
    record_decision(db, first, "rejected", NOW, reason="Source illisible")
    assert [r.reference for r in list_reports(db, state="pending")] == [second]
    assert [r.reference for r in list_reports(db, state="rejected")] == [first]
    assert [r.reference for r in list_reports(db, kind="error")] == [second]
    assert [r.reference for r in list_reports(db, company="maif")] == [first]
    assert list_reports(db, state="accepted") == []


def test_a_report_gets_one_decision_only(db):
    reference = add_report(db, submission(), NOW)
    record_decision(db, reference, "accepted", NOW, change="status: certified -> withdrawn")
    with pytest.raises(AlreadyDecided):
        record_decision(db, reference, "rejected", NOW, reason="second thoughts")
    assert get_report(db, reference).decision == "accepted"


@pytest.mark.parametrize(
    "statement", ["UPDATE decisions SET reason = 'x'", "DELETE FROM decisions"]
)
def test_the_database_itself_refuses_to_rewrite_a_decision(db, statement):
    reference = add_report(db, submission(), NOW)
    record_decision(db, reference, "rejected", NOW, reason="Hors sujet")
    with pytest.raises(DBAPIError, match="append-only"), db.writing() as connection:
        connection.execute(text(statement))
    assert get_report(db, reference).reason == "Hors sujet"


def test_purge_blanks_emails_decided_before_the_cutoff_only(db):
    old = add_report(db, submission(), NOW)
    recent = add_report(db, submission(), NOW)
    pending = add_report(db, submission(), NOW)
    record_decision(db, old, "rejected", NOW - dt.timedelta(days=100), reason="x")
    record_decision(db, recent, "rejected", NOW - dt.timedelta(days=10), reason="x")
    assert purge_emails(db, NOW - dt.timedelta(days=90)) == 1
    assert get_report(db, old).email is None
    assert get_report(db, recent).email == "lecteur@example.org"
    assert get_report(db, pending).email == "lecteur@example.org"
    assert purge_emails(db, NOW - dt.timedelta(days=90)) == 0


def test_concurrent_writers_all_succeed(db):
    """Eight threads writing at once: BEGIN IMMEDIATE and the busy timeout serialise them."""
    assert db.engine is not None  # migrate first, as the web app does on its first request
    errors: list[Exception] = []

    def write() -> None:
        try:
            for _ in range(10):
                add_report(db, submission(), NOW)
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(list_reports(db)) == 80


def test_two_processes_opening_a_fresh_database_migrate_it_once(database_url):
    """Workers that start together each open the database on their first request: none may
    fail because another is switching the fresh file to WAL or migrating it at that moment."""
    opened = [Database(database_url) for _ in range(4)]
    start, errors = threading.Barrier(len(opened)), []

    def open_first(database: Database) -> None:
        start.wait()
        try:
            assert database.engine is not None
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=open_first, args=(d,)) for d in opened]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    reference = add_report(opened[0], submission(), NOW)
    assert all(get_report(d, reference) is not None for d in opened)
    for database in opened:
        database.dispose()


def test_a_worker_opening_the_file_while_another_holds_it_waits_instead_of_failing(
    tmp_path, monkeypatch
):
    """Switching a fresh SQLite file to WAL needs it to itself. A worker that opens it while
    another connection holds it (migrating, say) must ask again, cooperatively, not fail its
    first request: here the holder lets go at the opener's first wait, so without the retry
    the opening raises "database is locked"."""
    path = tmp_path / "reports.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waits: list[float] = []

    class Clock:
        monotonic = staticmethod(time.monotonic)

        @staticmethod
        def sleep(seconds: float) -> None:
            waits.append(seconds)
            if holder.in_transaction:
                holder.execute("COMMIT")

    monkeypatch.setattr(database_module, "time", Clock)
    opened = Database(f"sqlite:///{path}")
    try:
        assert opened.engine is not None
        assert waits, "the opening met the lock and waited for it"
        assert get_report(opened, add_report(opened, submission(), NOW)) is not None
    finally:
        opened.dispose()
        holder.close()


def test_purge_also_blanks_undecided_reports_received_before_the_cutoff(db):
    forgotten = add_report(db, submission(), NOW - dt.timedelta(days=100))
    fresh = add_report(db, submission(), NOW - dt.timedelta(days=10))
    assert purge_emails(db, NOW - dt.timedelta(days=90)) == 1
    assert get_report(db, forgotten).email is None and get_report(db, forgotten).state == "pending"
    assert get_report(db, fresh).email == "lecteur@example.org"


def test_a_new_sqlite_database_and_its_log_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "var" / "reports.sqlite3"
    database = Database(f"sqlite:///{path}")
    add_report(database, submission(), NOW)
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    assert {oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {"0o600"}
    database.dispose()


def test_a_purged_address_is_gone_from_the_sqlite_files_too(tmp_path):
    path = tmp_path / "reports.sqlite3"
    database = Database(f"sqlite:///{path}")
    reference = add_report(database, submission(email="efface-moi@example.org"), NOW)
    record_decision(database, reference, "rejected", NOW - dt.timedelta(days=100), reason="x")
    assert purge_emails(database, NOW - dt.timedelta(days=90)) == 1
    on_disk = b"".join(f.read_bytes() for f in tmp_path.iterdir())
    assert b"efface-moi" not in on_disk
    database.dispose()
