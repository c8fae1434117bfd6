"""Check every company's SIREN and legal name against Sirene (API Recherche d'entreprises).

    python -m scripts.verify_identities [--dry-run] [--registry PATH] [--index-dir DIR]

Confirmed companies gain a dated "Sirene, consulté le …" source, published like an import
(register.publishing): the checks run first, then the confirmations are applied to the register
as it is once the publishing lock is held, so a change made meanwhile is kept. Mismatches
are printed one line per company and never applied.
Exit codes: 0 all checked, 3 at least one mismatch, 2 a lookup failed (network, timeout,
not JSON, 5xx after retries) or the register could not be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from register.identity import (
    CANDIDATES,
    CONFIRMED,
    FAULT,
    MISMATCH,
    SOURCE_ID,
    check_all,
    with_confirmations,
)
from register.importing import current_raw
from register.publishing import PublishError
from register.sirene import DEFAULT_MAX_WAIT, SireneClient, api_url
from register.source import Incoming, SourceError
from register.untrusted import printable
from scripts.publishing_cli import (
    add_publishing_arguments,
    changes_report,
    publish_here_or_shared,
    refusal,
)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        current = current_raw(args.registry)
    except SourceError as exc:
        return _fail(2, str(exc))
    client = SireneClient(api_url(), args.timeout, args.max_wait, notify=_warn)
    outcomes = check_all(client, current)
    for outcome in outcomes:
        if outcome.kind == FAULT:
            _warn(outcome.line())
        else:
            print(printable(outcome.line()))  # Sirene's words, escaped for the terminal
    kinds = [o.kind for o in outcomes]
    print(f"{kinds.count(CONFIRMED)} confirmed, {kinds.count(MISMATCH)} mismatched, "
          f"{kinds.count(CANDIDATES)} without SIREN (candidates listed, none chosen), "
          f"{kinds.count(FAULT)} not checked (lookup failed).")  # fmt: skip
    code = _exit_code(kinds)
    if not any(o.kind == CONFIRMED for o in outcomes):
        print("Nothing confirmed: the register is left as it is.")
        return code
    today = dt.datetime.now(dt.UTC).date()

    def confirm(latest: dict[str, Any]) -> Incoming:
        return Incoming(with_confirmations(latest, outcomes, today), "Sirene", "json")

    try:
        done = publish_here_or_shared(args, confirm, today, "identity check (Sirene)")
    except PublishError as exc:
        return _fail(2, f"nothing was written: {refusal(exc)}")
    print(changes_report(done, args.registry, args.dry_run))
    for record in done.candidate["companies"]:
        added = next((s for s in record["sources"] if s["id"] == SOURCE_ID), None)
        if added and added.get("accessed") == today.isoformat():
            print(f"  {record['slug']}: + {added['title']}, supports {', '.join(added['covers'])}")
    if done.installed:
        print(f"Recorded the Sirene check of {today.isoformat()}; serving generation "
              f"{done.generation}.")  # fmt: skip
    return code


def _exit_code(kinds: list[str]) -> int:
    """A mismatch needs a person more than a retry does, so it decides the status first."""
    if MISMATCH in kinds:
        return 3
    return 2 if FAULT in kinds else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.verify_identities")
    add_publishing_arguments(parser)
    parser.add_argument(
        "--max-wait",
        type=float,
        default=DEFAULT_MAX_WAIT,
        help="longest pause before a retry, whatever Retry-After asks (seconds)",
    )
    return parser.parse_args(argv)


def _warn(line: str) -> None:
    print(f"verify_identities: {printable(line)}", file=sys.stderr)


def _fail(code: int, message: str) -> int:
    _warn(message)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
