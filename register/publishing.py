"""The one way the register changes: read the current one, validate the proposal, describe it,
install it or refuse it — every writer (import, identity check, moderation, certifier API).

Why one function: "goes through the same validation as an import" then holds by structure,
and one lock covers the whole read → prepare → install, so two writers at the same moment
cannot lose a change (the second one reads what the first installed, or waits for it).

The seam with the index: `register/` never imports Whoosh, so the caller passes the install
step, an `Installer` — a function given the staged register file that builds, verifies and
switches the live index from it and returns the generation's name (search_index.publish gives
one). It runs under the lock, after validation and before the register file is replaced, so a
failed build leaves both the file and the live index as they were. The file itself is then
replaced by a rename (never rewritten in place), the previous one kept in `history/` beside it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from register.changes import RecordChange, compare, describe
from register.csv_format import CsvFormatError
from register.importing import InvalidImport, current_raw, prepare
from register.model import RegisterError
from register.source import Incoming, SourceError

HISTORY_DIR = "history"
INVALID, UNREADABLE, FAILED = "invalid", "unreadable", "failed"
EXIT_CODES = {INVALID: 1, UNREADABLE: 2, FAILED: 2}

# A writer's change: the current raw register in, its proposal out (or RegisterError).
Proposal = Callable[[dict[str, Any]], Incoming]
Installer = Callable[[Path], str]


class InstallFailed(RuntimeError):
    """What an Installer raises when it could not build, verify or switch the live index."""


class PublishError(Exception):
    """The register was not changed. `kind` says why: the proposal is `invalid` (every fault in
    `errors`), the current register is `unreadable`, or the install `failed`."""

    def __init__(self, kind: str, errors: list[str]):
        self.kind = kind
        self.errors = errors
        super().__init__("\n".join(errors))

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.kind]


@dataclass(frozen=True)
class Publication:
    """What a publication did, for the writer to print or record (e.g. a register version)."""

    current: dict[str, Any]
    candidate: dict[str, Any]
    changes: list[RecordChange]
    generation: str | None  # None when nothing was installed (dry run, or nothing to change)
    certificates_kept: int = 0  # certifiers' API writes the proposal lacked, kept anyway

    @property
    def summary(self) -> str:
        summary = describe(self.changes, len(self.candidate["companies"]))
        if self.certificates_kept:
            summary += (
                f"\n= {self.certificates_kept} certificate(s) published by certifiers through "
                "the API kept (absent from the proposal)"
            )
        return summary

    @property
    def companies(self) -> int:
        return len(self.candidate["companies"])

    @property
    def unchanged(self) -> bool:
        return self.candidate == self.current

    @property
    def installed(self) -> bool:
        return self.generation is not None


def publish(
    registry: Path,
    change: Proposal,
    install: Installer,
    today: dt.date,
    dry_run: bool = False,
    after_install: Callable[[Publication], None] | None = None,
) -> Publication:
    """Apply `change` to the current register and install the result, or raise PublishError.

    `change` receives the current register (its raw JSON form, read under the lock) and
    returns the proposal as an `Incoming` (the raw register and where it comes from); it may
    raise RegisterError (or a subclass) to refuse. A proposal identical to an existing register
    is not installed again. `after_install` runs under the lock once the new register is live,
    so whatever it records (a version number, an audit row) follows the order of installs.
    """
    with _exclusive(registry):
        try:
            current = current_raw(registry)
        except SourceError as exc:
            raise PublishError(UNREADABLE, [str(exc)]) from exc
        try:
            incoming = change(current)
            candidate, kept = prepare(incoming, current, today)
        except (InvalidImport, CsvFormatError, RegisterError) as exc:
            raise PublishError(INVALID, exc.errors) from exc
        result = Publication(current, candidate, compare(current, candidate), None, kept)
        if dry_run or (result.unchanged and registry.exists()):
            return result
        try:
            generation = _replace_register(candidate, registry, install)
        except (InstallFailed, RegisterError, OSError) as exc:
            unchanged = f"{exc}; the register and live index are unchanged"
            raise PublishError(FAILED, [unchanged]) from exc
        result = Publication(current, candidate, result.changes, generation, kept)
        if after_install is not None:
            after_install(result)
        return result


def lock_file(registry: Path) -> Path:
    """Beside the register, so every writer of that file, whatever its index, shares it."""
    return registry.parent / f".{registry.name}.lock"


@contextmanager
def _exclusive(registry: Path) -> Iterator[None]:
    """One publisher at a time per register file (flock: released if the process dies)."""
    registry.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file(registry), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _replace_register(candidate: dict[str, Any], registry: Path, install: Installer) -> str:
    """Stage the candidate, install it (the index first), then replace and archive the file."""
    staged = _write_temp(candidate, registry.parent)
    staged.chmod(registry.stat().st_mode if registry.exists() else 0o644)
    try:
        generation = install(staged)
        if registry.exists():
            _archive(registry)
        os.replace(staged, registry)
    finally:
        staged.unlink(missing_ok=True)
    return generation


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
