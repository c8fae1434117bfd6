"""Certifier accounts: a token shown once, stored as its SHA-256, checked on every request.

The token is 256 random bits, so a plain SHA-256 is enough (no password stretching needed:
nothing guessable to protect). A request's token is looked up by its hash and compared in
constant time; the database is read on every request, so a revocation on one node is
refused by every node from the next request on. Every write an account makes is appended to
`certifier_writes`, applied or refused; the database refuses to rewrite it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, replace

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from reports.database import Database
from reports.tables import COMPANY_LENGTH, certifier_writes, certifiers

TOKEN_PREFIX = "rcf_"  # lets secret scanners and people recognise a leaked token
WRITE_RESULTS = ("applied", "unchanged", "refused", "failed")


class AccountError(ValueError):
    """A name that cannot be given, or an account that does not exist."""


@dataclass(frozen=True)
class Certifier:
    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_name(name: str) -> str:
    """A name is shown on pages, in feeds and in the terminal: printable text only."""
    name = name.strip()
    if not name or len(name) > COMPANY_LENGTH:
        raise AccountError(f"a name has 1 to {COMPANY_LENGTH} characters")
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise AccountError("a name may not hold control or formatting characters")
    return name


def add_certifier(db: Database, name: str, now: dt.datetime) -> str:
    """Create the account and return its token: the only time it exists outside the caller."""
    name = check_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with db.writing() as connection:
            connection.execute(
                certifiers.insert().values(name=name, token_hash=token_hash(token), created_at=now)
            )
    except IntegrityError as exc:
        raise AccountError(f"{name!r} already exists (names are never reused)") from exc
    return token


def list_certifiers(db: Database) -> list[Certifier]:
    query = select(certifiers).order_by(certifiers.c.created_at, certifiers.c.id)
    with db.reading() as connection:
        return [_certifier(row) for row in connection.execute(query)]


def revoked_on(db: Database) -> dict[str, dt.date]:
    """Each revoked account's name and the day it was revoked: the journal marks their writes."""
    query = select(certifiers.c.name, certifiers.c.revoked_at).where(
        certifiers.c.revoked_at.is_not(None)
    )
    with db.reading() as connection:
        return {name: revoked.date() for name, revoked in connection.execute(query)}


def revoke_certifier(db: Database, name: str, now: dt.datetime) -> Certifier:
    with db.writing() as connection:
        row = connection.execute(select(certifiers).where(certifiers.c.name == name)).first()
        if row is None:
            raise AccountError(f"no certifier named {name!r}")
        if row.revoked_at is not None:
            raise AccountError(f"{name!r} was already revoked on {row.revoked_at:%Y-%m-%d}")
        connection.execute(
            update(certifiers).where(certifiers.c.id == row.id).values(revoked_at=now)
        )
    return replace(_certifier(row), revoked_at=now)


def authenticate(db: Database, token: str, now: dt.datetime) -> Certifier | None:
    """The live account holding this token, its last use stamped; None for any other token."""
    presented = token_hash(token)
    with db.writing() as connection:
        row = connection.execute(
            select(certifiers).where(certifiers.c.token_hash == presented)
        ).first()
        if row is None or not hmac.compare_digest(row.token_hash, presented):
            return None
        if row.revoked_at is not None:
            return None
        connection.execute(
            update(certifiers).where(certifiers.c.id == row.id).values(last_used_at=now)
        )
    return replace(_certifier(row), last_used_at=now)


def record_write(
    connection: Connection,
    account: Certifier,
    now: dt.datetime,
    numbers: list[str],
    result: str,
    detail: str | None = None,
) -> None:
    """Appended inside the caller's transaction: an applied write commits with its version."""
    connection.execute(
        certifier_writes.insert().values(
            certifier_id=account.id,
            written_at=now,
            record_count=len(numbers),
            numbers=json.dumps(numbers, ensure_ascii=False),
            result=result,
            detail=detail,
        )
    )


def audit_trail(db: Database, name: str | None = None) -> list[dict]:
    """The audit rows, oldest first, with the account's name (for operators and tests)."""
    query = (
        select(certifiers.c.name, certifier_writes)
        .select_from(certifier_writes.join(certifiers))
        .order_by(certifier_writes.c.id)
    )
    if name is not None:
        query = query.where(certifiers.c.name == name)
    with db.reading() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
    for row in rows:
        row["numbers"] = json.loads(row["numbers"])
    return rows


def _certifier(row) -> Certifier:
    return Certifier(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )
