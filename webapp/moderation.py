"""Moderation from the command line: `flask --app webapp reports list|show|accept|reject|purge`.

Accepting a report publishes through register.publishing like every other writer, by way of
the shared register versions (reports.register_versions) so every node follows: under its
lock, the report's correction (reports.corrections) is applied to the register as it is then,
validated like an import, described, and installed (live index first, then the file); only
then is the decision appended. Every decision is a new row: nothing here updates or deletes one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from register.model import SOURCE_KINDS
from register.publishing import PublishError
from register.source import Incoming
from register.untrusted import printable
from reports.corrections import (
    CitedDocument,
    CorrectionError,
    corrected_register,
    describe_changes,
    parse_assignment,
)
from reports.database import LogInUse
from reports.register_versions import publish_shared
from reports.store import (
    STATES,
    AlreadyDecided,
    Report,
    get_report,
    list_reports,
    purge_emails,
    record_decision,
)
from reports.submission import KINDS
from scripts.publishing_cli import changes_report, publishing_options, refusal
from search_index.publish import index_installer
from webapp.report_form import database, now

group = AppGroup("reports", help="Moderate the reports sent by the public.")
DAYS_PER_MONTH = 30.44  # retention is stated in months; purge counts them in average days


def init_app(app: Flask) -> None:
    app.cli.add_command(group)


def _pending(reference: str) -> Report:
    report = get_report(database(), reference)
    if report is None:
        raise click.ClickException(f"no report {reference}")
    if report.decision:
        raise click.ClickException(f"{reference} was already {report.decision}")
    return report


@group.command("list")
@click.option("--state", type=click.Choice(STATES))
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--company", help="a company slug")
def list_command(state: str | None, kind: str | None, company: str | None) -> None:
    """One line per report, oldest first."""
    found = list_reports(database(), state=state, kind=kind, company=company)
    for report in found:
        click.echo(
            f"{report.reference}  {report.received_at:%Y-%m-%d %H:%M}  {report.state:<8}  "
            f"{report.kind:<9}  {printable(report.company_slug or '(new) ' + report.company_name)}"
        )
    click.echo(f"{len(found)} report(s)")


@group.command("show")
@click.argument("reference")
def show(reference: str) -> None:
    """Everything a moderator needs; the evidence URL is printed, never fetched. What the
    reporter typed is printed escaped: no character of it can start a line or move the cursor."""
    report = get_report(database(), reference)
    if report is None:
        raise click.ClickException(f"no report {reference}")
    lines = [
        f"reference:   {report.reference}",
        f"received:    {report.received_at.isoformat()}",
        f"state:       {report.state}",
        f"kind:        {report.kind}",
        f"company:     {printable(report.company_name)} "
        f"({report.company_slug or 'not in the register'})",
        f"evidence:    {printable(report.evidence_url or '-')}",
        f"email:       {printable(report.email or '-')}",
        "details:",
        *(f"    {printable(line)}" for line in report.details.split("\n")),
    ]
    if report.certificate_claim:
        claim = report.certificate_claim
        lines.append(
            f"certificate: {claim['number']} by {claim['issuer']}, issued {claim['issued_on']}, "
            f"valid until {claim['valid_until']} (accept with --source-kind company, or "
            "certifier once the certifier confirms it)"
        )
    if report.decision:
        lines += [
            f"decision:    {report.decision} on {report.decided_at.isoformat()}",
            f"reason:      {printable(report.reason or '-')}",
            f"change:      {printable(report.change or '-')}",
        ]
    click.echo("\n".join(lines))


@group.command("accept")
@click.argument("reference")
@click.option("--title", required=True, help="the evidence's title, as the register cites it")
@click.option("--source-kind", type=click.Choice(SOURCE_KINDS), default="press")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="the evidence's date")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE",
              help="a corrected field (JSON values: null, [\"a\", \"b\"]); repeatable")  # fmt: skip
@publishing_options
def accept(
    reference, title, source_kind, published, assignments, dry_run, registry, index_dir
) -> None:
    """Apply the report to the register through the one publishing path, then record it."""
    report = _pending(reference)
    registry = registry or Path(current_app.config["REGISTRY_PATH"])
    index_dir = index_dir or Path(current_app.config["INDEX_DIR"])
    today = now().date()
    document = CitedDocument(title, source_kind, published.date() if published else None)
    try:
        pairs = [parse_assignment(a) for a in assignments]
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from exc
    logged: list[dict[str, Any]] = []

    def correct(current: dict[str, Any]) -> Incoming:
        candidate, entries = corrected_register(current, report, document, pairs, today)
        logged[:] = entries
        return Incoming(candidate, f"report {reference}", "json")

    try:
        done = publish_shared(
            database(), registry, correct, index_installer(index_dir), today,
            f"moderation of {reference}", now(), dry_run=dry_run,
        )  # fmt: skip
    except PublishError as exc:
        raise click.ClickException(f"the change was refused:\n{refusal(exc)}") from exc
    slug = report.company_slug or done.candidate["companies"][-1]["slug"]
    summary = describe_changes(slug, logged)
    if dry_run:
        click.echo(changes_report(done, registry, dry_run))
        return
    try:
        record_decision(database(), reference, "accepted", now(), change=summary)
    except AlreadyDecided as exc:
        raise click.ClickException(f"{reference} was decided meanwhile by someone else") from exc
    click.echo(f"accepted {reference}: {summary}")
    click.echo(f"serving generation {done.generation}")


@group.command("reject")
@click.argument("reference")
@click.option("--reason", required=True, help="why, for the record (never published)")
def reject(reference: str, reason: str) -> None:
    _pending(reference)
    try:
        record_decision(database(), reference, "rejected", now(), reason=reason)
    except AlreadyDecided as exc:
        raise click.ClickException(f"{reference} was decided meanwhile by someone else") from exc
    click.echo(f"rejected {reference}: {reason}")


@group.command("purge")
@click.option(
    "--months",
    type=click.IntRange(min=0),
    help="retention after the decision (default: REPORTS_EMAIL_RETENTION_MONTHS)",
)
def purge(months: int | None) -> None:
    """Erase the email address of reports decided, or received and still undecided, more than
    the retention period ago."""
    if months is None:
        months = current_app.config["REPORTS_EMAIL_RETENTION_MONTHS"]
    cutoff = now() - dt.timedelta(days=months * DAYS_PER_MONTH)
    try:
        erased = purge_emails(database(), cutoff)
    except LogInUse as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"erased {erased} email address(es) of reports decided, or received and undecided, "
        f"before {cutoff:%Y-%m-%d}"
    )
