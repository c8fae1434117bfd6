"""Check every company's SIREN and legal name against Sirene (API Recherche d'entreprises).

    python -m scripts.verify_identities [--dry-run] [--registry PATH] [--index-dir DIR]

Confirmed companies gain a dated "Sirene, consulté le …" source, written through the import's
validation and atomic switch. Mismatches are printed one line per company and never applied.
Exit codes: 0 all checked, 3 at least one mismatch, 2 a lookup failed (network, timeout,
not JSON, 5xx after retries) or the register could not be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from register import RegisterError
from register.changes import compare, describe
from register.identity import (
    CANDIDATES,
    CONFIRMED,
    FAULT,
    MISMATCH,
    SOURCE_ID,
    check_all,
    with_confirmations,
)
from register.importing import InvalidImport, current_raw, prepare
from register.paths import registry_path
from register.sirene import DEFAULT_MAX_WAIT, SireneClient, api_url
from register.source import DEFAULT_TIMEOUT, Incoming, SourceError
from search_index import BuildError
from search_index.paths import index_dir
from search_index.publish import install


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    registry = Path(args.registry)
    try:
        current = current_raw(registry)
    except SourceError as exc:
        return _fail(2, str(exc))
    client = SireneClient(api_url(), args.timeout, args.max_wait, notify=_warn)
    try:
        outcomes = check_all(client, current)
    finally:
        client.close()
    for outcome in outcomes:
        if outcome.kind == FAULT:
            _warn(outcome.line())
        else:
            print(outcome.line())
    kinds = [o.kind for o in outcomes]
    print(f"{kinds.count(CONFIRMED)} confirmed, {kinds.count(MISMATCH)} mismatched, "
          f"{kinds.count(CANDIDATES)} without SIREN (candidates listed, none chosen), "
          f"{kinds.count(FAULT)} not checked (lookup failed).")  # fmt: skip
    code = _exit_code(kinds)
    if not any(o.kind == CONFIRMED for o in outcomes):
        print("Nothing confirmed: the register is left as it is.")
        return code
    today = dt.datetime.now(dt.UTC).date()
    try:
        checked = Incoming(with_confirmations(current, outcomes, today), "Sirene", "json")
        candidate = prepare(checked, current, today)
    except InvalidImport as exc:
        return _fail(2, "the confirmed facts do not validate; nothing was written:\n" + str(exc))
    changes = compare(current, candidate)
    print(f"Changes against {registry}:\n{describe(changes, len(candidate['companies']))}")
    for record in candidate["companies"]:
        added = next((s for s in record["sources"] if s["id"] == SOURCE_ID), None)
        if added and added.get("accessed") == today.isoformat():
            print(f"  {record['slug']}: + {added['title']}, supports {', '.join(added['covers'])}")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return code
    try:
        generation = install(candidate, registry, Path(args.index_dir))
    except (BuildError, RegisterError, OSError) as exc:
        return _fail(2, f"index build failed, the register and live index are unchanged: {exc}")
    print(f"Recorded the Sirene check of {today.isoformat()}; serving generation {generation}.")
    return code


def _exit_code(kinds: list[str]) -> int:
    """A mismatch needs a person more than a retry does, so it decides the status first."""
    if MISMATCH in kinds:
        return 3
    return 2 if FAULT in kinds else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.verify_identities")
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--registry", default=registry_path())
    parser.add_argument("--index-dir", default=index_dir())
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per network wait"
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        default=DEFAULT_MAX_WAIT,
        help="longest pause before a retry, whatever Retry-After asks (seconds)",
    )
    return parser.parse_args(argv)


def _warn(line: str) -> None:
    print(f"verify_identities: {line}", file=sys.stderr)


def _fail(code: int, message: str) -> int:
    _warn(message)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
