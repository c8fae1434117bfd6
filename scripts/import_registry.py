"""Import a register from a file or an https:// URL (JSON, or the /registre.csv columns).

    python -m scripts.import_registry SOURCE [--dry-run] [--registry PATH] [--index-dir DIR]

Either the whole import goes live or nothing changes: every record is validated first
and all problems are listed with their record (and CSV line) numbers; then the index is
built from the new register and switched atomically; only after that is the register
file replaced (temp file + rename), the previous one kept in `history/` beside it.
An https:// source is fetched conditionally once imported: its ETag / Last-Modified are kept
beside the register (register/upstream.py), so an unchanged upstream costs one 304.
Exit codes: 0 done, unchanged (or dry run), 1 invalid register, 2 unreadable source or failed
build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from register import RegisterError
from register.changes import compare, describe
from register.csv_format import CsvFormatError
from register.importing import InvalidImport, current_raw, prepare
from register.paths import registry_path
from register.source import DEFAULT_TIMEOUT, NotModified, SourceError, load_incoming
from register.upstream import save_validators, saved_validators
from search_index import BuildError
from search_index.paths import index_dir
from search_index.publish import install


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    registry = Path(args.registry)
    try:
        sent = saved_validators(registry, args.source)
        incoming = load_incoming(args.source, timeout=args.timeout, validators=sent)
        current = current_raw(registry)
        candidate = prepare(incoming, current, dt.datetime.now(dt.UTC).date())
    except NotModified:
        print(f"{args.source}: not modified since the last import (HTTP 304); nothing to do.")
        return 0
    except SourceError as exc:
        return _fail(2, str(exc))
    except (InvalidImport, CsvFormatError, RegisterError) as exc:
        lines = [f"{len(exc.errors)} error(s); nothing was changed:", *exc.errors]
        return _fail(1, "\n".join(lines))
    changes = compare(current, candidate)
    print(f"Changes against {registry}:\n{describe(changes, len(candidate['companies']))}")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if not changes and current.get("companies"):
        print("The register is already up to date.")
    else:
        try:
            generation = install(candidate, registry, Path(args.index_dir))
        except (BuildError, RegisterError, OSError) as exc:
            return _fail(2, f"index build failed, the register and live index are unchanged: {exc}")
        print(f"Imported {len(candidate['companies'])} records; serving generation {generation}.")
    if incoming.validators:
        save_validators(registry, args.source, incoming.validators)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_registry")
    parser.add_argument("source", help="a .json or .csv file, or an https:// URL")
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--registry", default=registry_path())
    parser.add_argument("--index-dir", default=index_dir())
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds for each network wait and for the whole download",
    )
    return parser.parse_args(argv)


def _fail(code: int, message: str) -> int:
    print(f"import_registry: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
