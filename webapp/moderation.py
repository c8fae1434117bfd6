"""Moderation from the command line: `flask --app webapp reports list|show|accept|reject|purge`.

Accepting a report builds a candidate register (reports.corrections), validates it exactly
like an import (register.importing.prepare), switches the live index and replaces the
register file (search_index.publish.install); only then is the decision appended. Every
decision is a new row: nothing here updates or deletes one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from register import RegisterError
from register.importing import InvalidImport, current_raw, prepare
from register.source import Incoming
from reports.corrections import (
    SOURCE_KINDS,
    CorrectionError,
    Evidence,
    corrected_register,
    describe_changes,
    parse_assignment,
)
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
from search_index import BuildError
from search_index.publish import install

group = AppGroup("reports", help="Moderate the reports sent by the public.")
DAYS_PER_MONTH = 30.44  # retention is stated in months; purge counts them in average days


def init_app(app: Flask) -> None:
    app.cli.add_command(group)


def _db():
    return current_app.extensions["reports_db"]


def _now() -> dt.datetime:
    return current_app.extensions["reports_clock"]()


def _pending(reference: str) -> Report:
    report = get_report(_db(), reference)
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
    found = list_reports(_db(), state=state, kind=kind, company=company)
    for report in found:
        click.echo(
            f"{report.reference}  {report.received_at:%Y-%m-%d %H:%M}  {report.state:<8}  "
            f"{report.kind:<9}  {report.company_slug or '(new) ' + report.company_name}"
        )
    click.echo(f"{len(found)} report(s)")


@group.command("show")
@click.argument("reference")
def show(reference: str) -> None:
    """Everything a moderator needs; the evidence URL is printed, never fetched."""
    report = get_report(_db(), reference)
    if report is None:
        raise click.ClickException(f"no report {reference}")
    lines = [
        f"reference:   {report.reference}",
        f"received:    {report.received_at.isoformat()}",
        f"state:       {report.state}",
        f"kind:        {report.kind}",
        f"company:     {report.company_name} ({report.company_slug or 'not in the register'})",
        f"evidence:    {report.evidence_url or '-'}",
        f"email:       {report.email or '-'}",
        "details:",
        *(f"    {line}" for line in report.details.splitlines()),
    ]
    if report.decision:
        lines += [
            f"decision:    {report.decision} on {report.decided_at.isoformat()}",
            f"reason:      {report.reason or '-'}",
            f"change:      {report.change or '-'}",
        ]
    click.echo("\n".join(lines))


@group.command("accept")
@click.argument("reference")
@click.option("--title", required=True, help="the evidence's title, as the register cites it")
@click.option("--source-kind", type=click.Choice(SOURCE_KINDS), default="press")
@click.option("--published", type=click.DateTime(["%Y-%m-%d"]), help="the evidence's date")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE",
              help="a corrected field (JSON values: null, [\"a\", \"b\"]); repeatable")  # fmt: skip
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path))
def accept(reference, title, source_kind, published, assignments, registry, index_dir) -> None:
    """Apply the report to the register, validated like an import, and switch the index."""
    report = _pending(reference)
    registry = registry or Path(current_app.config["REGISTRY_PATH"])
    index_dir = index_dir or Path(current_app.config["INDEX_DIR"])
    now = _now()
    evidence = Evidence(title, source_kind, published.date() if published else None)
    try:
        current = current_raw(registry)
        pairs = [parse_assignment(a) for a in assignments]
        candidate, changes = corrected_register(current, report, evidence, pairs, now.date())
        candidate = prepare(Incoming(candidate, f"report {reference}", "json"), current, now.date())
    except CorrectionError as exc:
        raise click.ClickException(str(exc)) from exc
    except InvalidImport as exc:
        problems = "\n".join(exc.errors)
        raise click.ClickException(f"the change fails validation:\n{problems}") from exc
    slug = report.company_slug or candidate["companies"][-1]["slug"]
    summary = describe_changes(slug, changes)
    try:
        generation = install(candidate, registry, index_dir)
    except (BuildError, RegisterError, OSError) as exc:
        raise click.ClickException(f"index build failed, nothing changed: {exc}") from exc
    try:
        record_decision(_db(), reference, "accepted", now, change=summary)
    except AlreadyDecided as exc:
        raise click.ClickException(f"{reference} was decided meanwhile by someone else") from exc
    click.echo(f"accepted {reference}: {summary}")
    click.echo(f"serving generation {generation}")


@group.command("reject")
@click.argument("reference")
@click.option("--reason", required=True, help="why, for the record (never published)")
def reject(reference: str, reason: str) -> None:
    _pending(reference)
    try:
        record_decision(_db(), reference, "rejected", _now(), reason=reason)
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
    """Erase the email address of reports decided more than the retention period ago."""
    if months is None:
        months = current_app.config["REPORTS_EMAIL_RETENTION_MONTHS"]
    cutoff = _now() - dt.timedelta(days=months * DAYS_PER_MONTH)
    erased = purge_emails(_db(), cutoff)
    click.echo(f"erased {erased} email address(es) of reports decided before {cutoff:%Y-%m-%d}")
