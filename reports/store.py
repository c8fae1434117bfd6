"""Reports in, decisions out: every query the web app and the moderation CLI need.

Only `add_report` and `record_decision` write rows, and `purge_emails` blanks addresses;
nothing ever rewrites or deletes a decision (the database refuses it too, see migrations).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from reports.database import Database
from reports.submission import Submission
from reports.tables import decisions, reports

# Crockford's base32 without look-alikes: a reference read over the phone survives.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATES = ("pending", "accepted", "rejected")


class AlreadyDecided(RuntimeError):
    """The report has a decision already; decisions are never replaced."""


@dataclass(frozen=True)
class Report:
    reference: str
    kind: str
    company_slug: str | None
    company_name: str
    details: str
    evidence_url: str | None
    email: str | None
    received_at: dt.datetime
    certificate: str | None = None  # JSON, kind `certificate` only: see certificate_claim
    decision: str | None = None
    reason: str | None = None
    change: str | None = None
    decided_at: dt.datetime | None = None

    @property
    def state(self) -> str:
        return self.decision or "pending"

    @property
    def certificate_claim(self) -> dict[str, str] | None:
        """The certificate a company sent: number, issuer, issued_on, valid_until."""
        return json.loads(self.certificate) if self.certificate else None


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"S-{body[:4]}-{body[4:]}"


def add_report(db: Database, submission: Submission, now: dt.datetime) -> str:
    """Store a checked submission, every one of its fields in the column of the same name, so a
    field added to Submission cannot be dropped on the way to the database."""
    reference = new_reference()
    fields = dataclasses.asdict(submission)
    fields["certificate"] = json.dumps(fields["certificate"]) if fields["certificate"] else None
    with db.writing() as connection:
        connection.execute(reports.insert().values(reference=reference, received_at=now, **fields))
    return reference


def _joined():
    return (
        select(
            reports,
            decisions.c.decision,
            decisions.c.reason,
            decisions.c.change,
            decisions.c.decided_at,
        )
        .select_from(reports.outerjoin(decisions, decisions.c.report_id == reports.c.id))
        .order_by(reports.c.received_at, reports.c.id)
    )


def _report(row) -> Report:
    fields = dict(row._mapping)
    fields.pop("id")
    return Report(**fields)


def get_report(db: Database, reference: str) -> Report | None:
    with db.reading() as connection:
        row = connection.execute(_joined().where(reports.c.reference == reference)).first()
    return _report(row) if row else None


def list_reports(
    db: Database, state: str | None = None, kind: str | None = None, company: str | None = None
) -> list[Report]:
    query = _joined()
    if state == "pending":
        query = query.where(decisions.c.id.is_(None))
    elif state:
        query = query.where(decisions.c.decision == state)
    if kind:
        query = query.where(reports.c.kind == kind)
    if company:
        query = query.where(reports.c.company_slug == company)
    with db.reading() as connection:
        return [_report(row) for row in connection.execute(query)]


def record_decision(
    db: Database,
    reference: str,
    decision: str,
    now: dt.datetime,
    reason: str | None = None,
    change: str | None = None,
) -> None:
    with db.writing() as connection:
        report_id = connection.execute(
            select(reports.c.id).where(reports.c.reference == reference)
        ).scalar_one()
        try:
            connection.execute(
                decisions.insert().values(
                    report_id=report_id,
                    decision=decision,
                    reason=reason,
                    change=change,
                    decided_at=now,
                )
            )
        except IntegrityError as exc:
            raise AlreadyDecided(reference) from exc


def purge_emails(db: Database, before: dt.datetime) -> int:
    """Blank the address of every report decided before the cutoff, or received before it and
    still undecided (a report nobody gets round to must not keep an address for ever); then
    make the database forget the old values (`Database.forget_erased`). Return how many."""
    decided = select(decisions.c.report_id)
    decided_early = decided.where(decisions.c.decided_at < before)
    due = or_(
        reports.c.id.in_(decided_early.scalar_subquery()),
        and_(reports.c.received_at < before, reports.c.id.not_in(decided.scalar_subquery())),
    )
    with db.writing() as connection:
        result = connection.execute(
            update(reports).where(and_(reports.c.email.is_not(None), due)).values(email=None)
        )
    db.forget_erased()
    return result.rowcount
