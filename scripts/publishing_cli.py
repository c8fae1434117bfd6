"""What every command that publishes a register shares: its options and how it reports.

The import, the identity check (argparse, here in scripts/) and the moderators' accept (click,
under `flask reports`) take the same `--dry-run`, `--registry` and `--index-dir`, declared
once below; the network commands add `--timeout`. Each then calls register.publishing.publish
with search_index's install step, and prints the same diff. With several nodes
(`VERIF_DATABASE_URL` set), the two scripts publish through the shared register versions
(reports.register_versions), as the web app's writers always do, so every node follows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from register.paths import registry_path
from register.publishing import INVALID, Proposal, Publication, PublishError, publish
from register.source import DEFAULT_TIMEOUT
from reports.database import Database
from reports.register_versions import publish_shared
from search_index.paths import index_dir
from search_index.publish import index_installer

DRY_RUN_HELP = "show the changes, write nothing"
REGISTRY_HELP = "the register file to change (default: VERIF_REGISTRY_PATH or the bundled one)"
INDEX_DIR_HELP = "where the live index generations are (default: VERIF_INDEX_DIR or var/index)"
TIMEOUT_HELP = "seconds for each network wait, and for a whole download"


def add_publishing_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help=DRY_RUN_HELP)
    parser.add_argument("--registry", type=Path, default=Path(registry_path()), help=REGISTRY_HELP)
    parser.add_argument("--index-dir", type=Path, default=Path(index_dir()), help=INDEX_DIR_HELP)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=TIMEOUT_HELP)


def publish_here_or_shared(
    args: argparse.Namespace, change: Proposal, today: dt.date, author: str
) -> Publication:
    """The shared path when a database is configured, else this node's register only."""
    install = index_installer(args.index_dir)
    url = os.environ.get("VERIF_DATABASE_URL")
    if not url:
        return publish(args.registry, change, install, today, dry_run=args.dry_run)
    db = Database(url)
    try:
        return publish_shared(
            db, args.registry, change, install, today, author, dt.datetime.now(dt.UTC),
            dry_run=args.dry_run,
        )  # fmt: skip
    finally:
        db.dispose()


def publishing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The same options for a click command; unset paths are left to the app's configuration."""
    options = [
        click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP),
        click.option("--registry", type=click.Path(dir_okay=False, path_type=Path),
                     help=REGISTRY_HELP),
        click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path),
                     help=INDEX_DIR_HELP),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def changes_report(publication: Publication, registry: Path, dry_run: bool) -> str:
    """The diff every publishing command prints before saying what it did."""
    lines = [f"Changes against {registry}:", publication.summary]
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def refusal(error: PublishError) -> str:
    """Every fault of an invalid proposal, one per line; otherwise the one reason."""
    if error.kind != INVALID:
        return str(error)
    return "\n".join([f"{len(error.errors)} error(s); nothing was changed:", *error.errors])
