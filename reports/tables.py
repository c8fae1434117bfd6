"""The tables: reports (what the public sent), decisions (what a moderator decided), certifier
accounts with their audit trail, and the register versions every node follows.

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
TOKEN_HASH_LENGTH = 64  # SHA-256, hexadecimal


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

# Certifier accounts: a name and the SHA-256 of a token shown once. Names are never reused
# (unique even after revocation), so a name in the register names one account for good.
certifiers = Table(
    "certifiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(COMPANY_LENGTH), nullable=False, unique=True),
    Column("token_hash", String(TOKEN_HASH_LENGTH), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_used_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
)

# Every authenticated write, applied or refused; appended, never updated or deleted.
certifier_writes = Table(
    "certifier_writes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("certifier_id", Integer, ForeignKey("certifiers.id"), nullable=False, index=True),
    Column("written_at", UtcDateTime, nullable=False, index=True),
    Column("record_count", Integer, nullable=False),
    Column("numbers", Text, nullable=False),
    Column("result", String(KIND_LENGTH), nullable=False),
    Column("detail", Text, nullable=True),
)

# Every register a shared write published, appended in order: the nodes follow the newest.
register_versions = Table(
    "register_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("digest", String(TOKEN_HASH_LENGTH), nullable=False),
    Column("author", String(COMPANY_LENGTH), nullable=False),
    Column("body", Text, nullable=False),
)
