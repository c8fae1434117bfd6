"""Reports and decisions; decisions refuse UPDATE and DELETE at the database level.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from reports.tables import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

POSTGRES_GUARD = """
CREATE FUNCTION decisions_are_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'decisions are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION decisions_are_append_only();
"""
SQLITE_GUARDS = [
    f"""CREATE TRIGGER decisions_no_{action.lower()} BEFORE {action} ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"""
    for action in ("UPDATE", "DELETE")
]


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(14), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("company_slug", sa.String(100), nullable=True, index=True),
        sa.Column("company_name", sa.String(200), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("evidence_url", sa.String(2000), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("received_at", UtcDateTime, nullable=False, index=True),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False, unique=True
        ),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("change", sa.Text, nullable=True),
        sa.Column("decided_at", UtcDateTime, nullable=False, index=True),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_GUARD)
    else:
        for statement in SQLITE_GUARDS:
            op.execute(statement)


def downgrade() -> None:
    op.drop_table("decisions")
    op.drop_table("reports")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION decisions_are_append_only()")
