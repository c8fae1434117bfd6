"""Certifier accounts, their audit trail and the shared register versions.

The audit trail and the register versions refuse UPDATE and DELETE at the database level, like
decisions; an account is never deleted, and its name, token hash and revocation never change
once set (revoking is final, and a revoked account's name is never given to someone else).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from reports.tables import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY = ("certifier_writes", "register_versions")
# When an update of an account is refused: identity changed, or revocation undone or moved.
SQLITE_ACCOUNT_RULE = (
    "NEW.name IS NOT OLD.name OR NEW.token_hash IS NOT OLD.token_hash "
    "OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS NOT OLD.revoked_at)"
)
POSTGRES_ACCOUNT_RULE = (
    "NEW.name IS DISTINCT FROM OLD.name OR NEW.token_hash IS DISTINCT FROM OLD.token_hash "
    "OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)"
)


def _postgres_guards() -> list[str]:
    statements = [
        """CREATE FUNCTION refuse_rewrite() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END;
        $$ LANGUAGE plpgsql""",
        f"""CREATE FUNCTION certifiers_keep_identity() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' OR {POSTGRES_ACCOUNT_RULE} THEN
                RAISE EXCEPTION 'certifier accounts keep their name, token and revocation';
            END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER certifiers_kept BEFORE UPDATE OR DELETE ON certifiers
        FOR EACH ROW EXECUTE FUNCTION certifiers_keep_identity()""",
    ]
    statements += [
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION refuse_rewrite()"""
        for table in APPEND_ONLY
    ]
    return statements


def _sqlite_guards() -> list[str]:
    statements = [
        f"""CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
        for table in APPEND_ONLY
        for action in ("UPDATE", "DELETE")
    ]
    statements += [
        """CREATE TRIGGER certifiers_no_delete BEFORE DELETE ON certifiers
        BEGIN SELECT RAISE(ABORT, 'certifier accounts are kept'); END""",
        f"""CREATE TRIGGER certifiers_keep_identity BEFORE UPDATE ON certifiers
        WHEN {SQLITE_ACCOUNT_RULE}
        BEGIN SELECT RAISE(ABORT, 'certifier accounts keep their name, token and revocation');
        END""",
    ]
    return statements


def upgrade() -> None:
    op.create_table(
        "certifiers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("last_used_at", UtcDateTime, nullable=True),
        sa.Column("revoked_at", UtcDateTime, nullable=True),
    )
    op.create_table(
        "certifier_writes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "certifier_id", sa.Integer, sa.ForeignKey("certifiers.id"), nullable=False, index=True
        ),
        sa.Column("written_at", UtcDateTime, nullable=False, index=True),
        sa.Column("record_count", sa.Integer, nullable=False),
        sa.Column("numbers", sa.Text, nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=True),
    )
    op.create_table(
        "register_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _postgres_guards() if postgres else _sqlite_guards():
        op.execute(statement)


def downgrade() -> None:
    for table in ("register_versions", "certifier_writes", "certifiers"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION refuse_rewrite()")
        op.execute("DROP FUNCTION certifiers_keep_identity()")
