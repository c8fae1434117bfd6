"""Certifier accounts on both databases: tokens shown once and stored hashed, revocation at
once and for good, an audit trail the database refuses to rewrite."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from reports.certifiers import (
    AccountError,
    add_certifier,
    audit_trail,
    authenticate,
    list_certifiers,
    record_write,
    revoke_certifier,
    revoked_on,
    token_hash,
)

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=2)


def test_a_token_is_stored_only_as_its_hash_and_opens_its_own_account(db):
    token = add_certifier(db, "AFNOR Certification", NOW)
    assert len(token) > 40
    with db.reading() as connection:
        stored = connection.execute(text("SELECT * FROM certifiers")).mappings().one()
    assert token not in str(dict(stored)).replace(token_hash(token), "")
    assert stored["token_hash"] == token_hash(token)
    account = authenticate(db, token, LATER)
    assert account.name == "AFNOR Certification" and account.last_used_at == LATER
    assert authenticate(db, token + "x", LATER) is None
    assert authenticate(db, "", LATER) is None


def test_the_listing_shows_creation_and_last_use_and_no_token(db):
    token = add_certifier(db, "Bureau Veritas", NOW)
    (listed,) = list_certifiers(db)
    assert (listed.name, listed.created_at, listed.last_used_at) == ("Bureau Veritas", NOW, None)
    authenticate(db, token, LATER)
    assert list_certifiers(db)[0].last_used_at == LATER


def test_a_revoked_token_is_refused_and_its_name_is_never_given_again(db):
    token = add_certifier(db, "SGS", NOW)
    revoke_certifier(db, "SGS", LATER)
    assert authenticate(db, token, LATER) is None
    assert revoked_on(db) == {"SGS": LATER.date()}
    with pytest.raises(AccountError, match="already exists"):
        add_certifier(db, "SGS", LATER)
    with pytest.raises(AccountError, match="already revoked"):
        revoke_certifier(db, "SGS", LATER)
    with pytest.raises(AccountError, match="no certifier"):
        revoke_certifier(db, "Personne", LATER)


@pytest.mark.parametrize("name", ["", "   ", "a\u202eb", "tab\there", "x" * 201])
def test_a_name_with_control_characters_or_out_of_bounds_is_refused(db, name):
    with pytest.raises(AccountError):
        add_certifier(db, name, NOW)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE certifier_writes SET result = 'applied'",
        "DELETE FROM certifier_writes",
        "UPDATE certifiers SET revoked_at = NULL",
        "UPDATE certifiers SET token_hash = 'x'",
        "DELETE FROM certifiers",
    ],
)
def test_the_database_refuses_to_rewrite_the_audit_trail_or_undo_a_revocation(db, statement):
    add_certifier(db, "Certificateur", NOW)
    account = list_certifiers(db)[0]
    with db.writing() as connection:
        record_write(connection, account, NOW, ["RCF-1", "RCF-2"], "refused", "2 errors")
    revoke_certifier(db, "Certificateur", LATER)
    with pytest.raises(DBAPIError), db.writing() as connection:
        connection.execute(text(statement))
    (row,) = audit_trail(db)
    assert (row["name"], row["record_count"], row["numbers"], row["result"]) == (
        "Certificateur", 2, ["RCF-1", "RCF-2"], "refused",
    )  # fmt: skip
    assert list_certifiers(db)[0].revoked_at == LATER


def test_register_versions_are_append_only(db):
    with db.writing() as connection:
        connection.execute(
            text(
                "INSERT INTO register_versions (created_at, digest, author, body) "
                "VALUES (:now, 'd', 'a', '{}')"
            ),
            {"now": NOW.replace(tzinfo=None)},
        )
    for statement in ("UPDATE register_versions SET body = 'x'", "DELETE FROM register_versions"):
        with pytest.raises(DBAPIError, match="append-only"), db.writing() as connection:
            connection.execute(text(statement))
