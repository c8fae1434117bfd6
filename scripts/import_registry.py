"""Import a register from a file or an https:// URL (JSON, or the /registre.csv columns).

    python -m scripts.import_registry SOURCE [--dry-run] [--registry PATH] [--index-dir DIR]

Either the whole import goes live or nothing changes: the source is fetched first, then
register.publishing.publish validates every record (all problems listed with their record and
CSV line numbers), builds the index from the new register and switches it atomically, and
only then replaces the register file (temp file + rename, the previous one kept in `history/`).
An https:// source is fetched conditionally once imported: its ETag / Last-Modified are kept
beside the register (register/upstream.py), so an unchanged upstream costs one 304.
Exit codes: 0 done, unchanged (or dry run), 1 invalid register, 2 unreadable source or failed
build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from register import RegisterError
from register.csv_format import CsvFormatError
from register.publishing import INVALID, PublishError
from register.source import NotModified, SourceError, load_incoming
from register.upstream import save_validators, saved_validators
from scripts.publishing_cli import (
    add_publishing_arguments,
    changes_report,
    publish_here_or_shared,
    refusal,
)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        sent = saved_validators(args.registry, args.source)
        incoming = load_incoming(args.source, timeout=args.timeout, validators=sent)
        done = publish_here_or_shared(
            args, lambda _current: incoming, dt.datetime.now(dt.UTC).date(), f"import {args.source}"
        )
    except NotModified:
        print(f"{args.source}: not modified since the last import (HTTP 304); nothing to do.")
        return 0
    except SourceError as exc:
        return _fail(2, str(exc))
    except (CsvFormatError, RegisterError) as exc:
        return _fail(1, refusal(PublishError(INVALID, exc.errors)))
    except PublishError as exc:
        return _fail(exc.exit_code, refusal(exc))
    print(changes_report(done, args.registry, args.dry_run))
    if args.dry_run:
        return 0
    if done.installed:
        print(f"Imported {done.companies} records; serving generation {done.generation}.")
    else:
        print("The register is already up to date.")
    if incoming.validators:
        save_validators(args.registry, args.source, incoming.validators)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_registry")
    parser.add_argument("source", help="a .json or .csv file, or an https:// URL")
    add_publishing_arguments(parser)
    return parser.parse_args(argv)


def _fail(code: int, message: str) -> int:
    print(f"import_registry: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
