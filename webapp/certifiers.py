"""Certifier accounts on the server: `flask --app webapp certifiers add|list|revoke`.

`add` prints the token on the last line of standard output, once: only its hash is kept, so
a lost token is replaced by revoking the account and adding a new one under another name.
Names come from an operator but end up on public pages: reports.certifiers refuses control
and formatting characters, and this module never prints a token anywhere else.
"""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from reports.certifiers import (
    AccountError,
    add_certifier,
    list_certifiers,
    revoke_certifier,
    revoked_on,
)

group = AppGroup("certifiers", help="Manage the accounts certifiers publish certificates with.")


def init_app(app: Flask) -> None:
    app.cli.add_command(group)


def token_revoked_on(publisher: str | None) -> dt.date | None:
    """The day this certifier's token was revoked, for the journal's mark on its earlier
    writes; the database is read once per request, and only for a page that shows one."""
    if publisher is None:
        return None
    if "revoked_certifiers" not in g:
        try:
            g.revoked_certifiers = revoked_on(_db())
        except (SQLAlchemyError, OSError):
            current_app.logger.exception("certifier accounts unavailable")
            g.revoked_certifiers = {}
    return g.revoked_certifiers.get(publisher)


def _db():
    return current_app.extensions["reports_db"]


def _now():
    return current_app.extensions["reports_clock"]()


@group.command("add")
@click.argument("name")
def add(name: str) -> None:
    """Create an account; its token is printed once, on the last line."""
    try:
        token = add_certifier(_db(), name, _now())
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"certifier {name.strip()!r} created; keep this token, it is shown only now:")
    click.echo(token)


@group.command("list")
def list_command() -> None:
    """Names, creation, last use and revocation dates; never a token."""
    accounts = list_certifiers(_db())
    for account in accounts:
        used = f"{account.last_used_at:%Y-%m-%d %H:%M}" if account.last_used_at else "never"
        revoked = f"revoked {account.revoked_at:%Y-%m-%d %H:%M}" if account.revoked_at else "active"
        click.echo(
            f"{account.name}  created {account.created_at:%Y-%m-%d %H:%M}  "
            f"last used {used}  {revoked}"
        )
    click.echo(f"{len(accounts)} certifier(s)")


@group.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Refuse the account's token from now on, on every node; its past writes stay public."""
    try:
        account = revoke_certifier(_db(), name, _now())
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"revoked {account.name!r} at {account.revoked_at:%Y-%m-%d %H:%M} UTC")
