"""The two tables: reports (what the public sent) and decisions (what a moderator decided).

Times are stored as naive UTC (SQLite has no time zone type) and come back aware, so the
same code compares them on SQLite and PostgreSQL. A report has at most one decision (a
unique key): two moderators accepting the same report at once cannot both win.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData()

REFERENCE_LENGTH = 14
KIND_LENGTH = 16
SLUG_LENGTH = 100
COMPANY_LENGTH = 200
DETAILS_LENGTH = 2000
URL_LENGTH = 2000
EMAIL_LENGTH = 254
REASON_LENGTH = 2000


class UtcDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC time")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(REFERENCE_LENGTH), nullable=False, unique=True),
    Column("kind", String(KIND_LENGTH), nullable=False, index=True),
    Column("company_slug", String(SLUG_LENGTH), nullable=True, index=True),
    Column("company_name", String(COMPANY_LENGTH), nullable=False),
    Column("details", Text, nullable=False),
    Column("evidence_url", String(URL_LENGTH), nullable=True),
    Column("email", String(EMAIL_LENGTH), nullable=True),
    Column("received_at", UtcDateTime, nullable=False, index=True),
    # Kind `certificate`: the certificate the company sends, as JSON {number, issuer, dates}.
    Column("certificate", Text, nullable=True),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id"), nullable=False, unique=True),
    Column("decision", String(KIND_LENGTH), nullable=False),
    Column("reason", Text, nullable=True),
    Column("change", Text, nullable=True),
    Column("decided_at", UtcDateTime, nullable=False, index=True),
)
