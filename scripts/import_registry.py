"""Import a register from a file or an https:// URL (JSON, or the /registre.csv columns).

    python -m scripts.import_registry SOURCE [--dry-run] [--registry PATH] [--index-dir DIR]

Either the whole import goes live or nothing changes: every record is validated first
and all problems are listed with their record (and CSV line) numbers; then the index is
built from the new register and switched atomically; only after that is the register
file replaced (temp file + rename), the previous one kept in `history/` beside it.
Exit codes: 0 done (or dry run), 1 invalid register, 2 unreadable source or failed build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from register import RegisterError
from register.changes import compare, describe, with_status_events
from register.csv_format import CsvFormatError
from register.model import parse_register
from register.paths import PROJECT_ROOT, registry_path
from register.source import DEFAULT_TIMEOUT, Incoming, SourceError, load_incoming
from search_index import BuildError, build_index
from search_index.paths import index_dir

HISTORY_DIR = "history"
LOCK_FILE = ".import.lock"


class InvalidImport(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    registry = Path(args.registry)
    try:
        incoming = load_incoming(args.source, timeout=args.timeout)
        current = _current_raw(registry)
        candidate = prepare(incoming, current, dt.datetime.now(dt.UTC).date())
    except SourceError as exc:
        return _fail(2, str(exc))
    except (InvalidImport, CsvFormatError) as exc:
        lines = [f"{len(exc.errors)} error(s); nothing was changed:", *exc.errors]
        return _fail(1, "\n".join(lines))
    changes = compare(current, candidate)
    unchanged = len(candidate["companies"]) - sum(c.kind != "removed" for c in changes)
    print(f"Changes against {registry}:\n{describe(changes, unchanged)}")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    if not changes and current.get("companies"):
        print("The register is already up to date.")
        return 0
    try:
        generation = install(candidate, registry, Path(args.index_dir))
    except (BuildError, RegisterError, OSError) as exc:
        return _fail(2, f"index build failed, the register and live index are unchanged: {exc}")
    print(f"Imported {len(candidate['companies'])} records; serving generation {generation}.")
    return 0


def prepare(incoming: Incoming, current: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Validate everything, add status-change events; raise InvalidImport listing all faults."""
    errors = []
    try:
        parse_register(incoming.raw, origin=incoming.origin)
    except RegisterError as exc:
        errors += exc.errors
    errors += _unresolvable_files(incoming)
    if errors:
        raise InvalidImport([_with_line(e, incoming) for e in errors])
    candidate, refusals = with_status_events(current, incoming.raw, today, incoming.origin)
    if refusals:
        raise InvalidImport([_with_line(e, incoming) for e in refusals])
    try:
        parse_register(candidate, origin=incoming.origin)
    except RegisterError as exc:  # the events we added must themselves be valid
        raise InvalidImport(exc.errors) from exc
    return candidate


def install(candidate: dict[str, Any], registry: Path, index_dir: Path) -> str:
    """Build and switch the index first, then replace the register and archive the old one."""
    registry.parent.mkdir(parents=True, exist_ok=True)
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one import at a time
        staged = _write_temp(candidate, registry.parent)
        staged.chmod(registry.stat().st_mode if registry.exists() else 0o644)
        try:
            generation = build_index(staged, index_dir)
            if registry.exists():
                _archive(registry)
            os.replace(staged, registry)
        finally:
            staged.unlink(missing_ok=True)
    return generation


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.import_registry")
    parser.add_argument("source", help="a .json or .csv file, or an https:// URL")
    parser.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    parser.add_argument("--registry", default=registry_path())
    parser.add_argument("--index-dir", default=index_dir())
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per network wait"
    )
    return parser.parse_args(argv)


def _fail(code: int, message: str) -> int:
    print(f"import_registry: {message}", file=sys.stderr)
    return code


def _current_raw(registry: Path) -> dict[str, Any]:
    """The register being replaced; a first import starts from an empty one."""
    try:
        return json.loads(registry.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"companies": []}
    except (OSError, ValueError) as exc:
        raise SourceError(f"{registry}: current register unreadable ({exc})") from exc


def _unresolvable_files(incoming: Incoming) -> list[str]:
    """A source naming a local file must point at a file kept in the project."""
    errors: list[str] = []
    root = PROJECT_ROOT.resolve()
    records = incoming.raw.get("companies") if isinstance(incoming.raw, dict) else None
    for index, record in enumerate(records if isinstance(records, list) else [], start=1):
        sources = record.get("sources") if isinstance(record, dict) else None
        for position, source in enumerate(sources if isinstance(sources, list) else [], start=1):
            name = source.get("file") if isinstance(source, dict) else None
            if not isinstance(name, str) or not name:
                continue
            target = (root / name).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                errors.append(
                    f"{incoming.origin}: record {index} ({record.get('slug')}): field "
                    f"'sources[{position}].file': {name!r} is not a file in the project"
                )
    return errors


def _with_line(error: str, incoming: Incoming) -> str:
    """CSV imports: name the line as well as the record number."""
    if not incoming.record_lines:
        return error

    def add_line(match: re.Match) -> str:
        number = int(match.group(1))
        if number > len(incoming.record_lines):
            return match.group(0)
        return f"line {incoming.record_lines[number - 1]}, record {number}"

    return re.sub(r"record (\d+)", add_line, error, count=1)


def _write_temp(raw: dict[str, Any], directory: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=".import-", suffix=".json", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(raw, ensure_ascii=False, indent=2) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)


def _archive(registry: Path) -> None:
    history = registry.parent / HISTORY_DIR
    history.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    shutil.copy2(registry, history / f"{registry.stem}-{stamp}{registry.suffix}")


if __name__ == "__main__":
    raise SystemExit(main())
