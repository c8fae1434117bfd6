"""The one way the register changes: read the current one, validate the proposal, describe it,
install it or refuse it — every writer (import, identity check, moderation, certifier API).

Why one function: "goes through the same validation as an import" then holds by structure,
and one lock covers the whole read → prepare → install, so two writers at the same moment
cannot lose a change (the second one reads what the first installed, or waits for it).

The seam with the index: `register/` never imports Whoosh, so the caller passes the install
step, an `Installer` — a function given the staged register file (a `Staged`: with its content
and the register it replaces) that builds, verifies and switches the live index from it and
returns the generation's name (search_index.publish gives one). It runs under the lock, after
validation and before the register file is replaced, so a failed build leaves both the file
and the live index as they were. The file itself is then replaced by a rename (never rewritten
in place), the previous one kept in `history/` beside it. A writer that records its changes
elsewhere (reports.register_versions, for the other nodes) does it in `before_install`: once
the file is staged, before anything goes live, so nothing is served that was not recorded.

Every step costs what the change costs, not what the register weighs: a file this function
installed is marked valid (the SHA-256 of its bytes, beside it), so the next publication
checks only the records that differ from it; the installer updates the index for the
companies that changed. A file changed by other hands loses the mark: it is checked whole. The
mark also names the rules it was checked under (a digest of this package's code), so a deploy
that changes them has the next publication check the whole register again, with no step to
remember.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from register.changes import RecordChange, compare, describe
from register.csv_format import CsvFormatError
from register.importing import InvalidImport, prepare
from register.model import RegisterError
from register.register_file import render
from register.source import Incoming, SourceError

HISTORY_DIR = "history"
PACKAGE_DIR = Path(__file__).resolve().parent
INVALID, UNREADABLE, FAILED = "invalid", "unreadable", "failed"
EXIT_CODES = {INVALID: 1, UNREADABLE: 2, FAILED: 2}


@dataclass(frozen=True)
class Staged:
    """What an Installer builds from: the staged register file and its content (`raw`, valid),
    with the register it replaces (`previous`, the SHA-256 of its file or None when there was
    none), so the index can be updated for what changed instead of rebuilt."""

    path: Path
    raw: dict[str, Any]
    sha256: str
    previous: dict[str, Any]
    previous_sha256: str | None


# A writer's change: the current raw register in, its proposal out (or RegisterError).
Proposal = Callable[[dict[str, Any]], Incoming]
Installer = Callable[[Staged], str]


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
    # The register file installed (or staged, as `before_install` sees it): its text and the
    # SHA-256 of its bytes, for a writer to record without serialising the register again.
    text: str | None = None
    sha256: str | None = None

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
    before_install: Callable[[Publication], None] | None = None,
) -> Publication:
    """Apply `change` to the current register and install the result, or raise PublishError.

    `change` receives the current register (its raw JSON form, read under the lock) and
    returns the proposal as an `Incoming` (the raw register and where it comes from); it may
    raise RegisterError (or a subclass) to refuse. A proposal identical to an existing register
    is not installed again. `before_install` runs under the lock once the new register is
    staged (validated, its file written aside, its `text` and `sha256` known) and before
    anything goes live, so what it records (a shared version, an audit row) is recorded first
    and follows the order of installs; if it raises, nothing is installed.
    """
    with _exclusive(registry):
        try:
            current, current_text, current_sha256 = _read_current(registry)
        except SourceError as exc:
            raise PublishError(UNREADABLE, [str(exc)]) from exc
        valid = current_sha256 is not None and _validated(registry) == _mark(current_sha256)
        try:
            incoming = change(current)
            candidate, kept = prepare(incoming, current, today, current_valid=valid)
        except (InvalidImport, CsvFormatError, RegisterError) as exc:
            raise PublishError(INVALID, exc.errors) from exc
        result = Publication(current, candidate, compare(current, candidate), None, kept)
        if dry_run or (result.unchanged and registry.exists()):
            return result
        try:
            previous = (current, current_text, current_sha256)
            staged, text = _stage(candidate, registry, previous, valid)
            result = replace(result, text=text, sha256=staged.sha256)
            try:
                if before_install is not None:
                    before_install(result)
                generation = _install(staged, registry, install)
            finally:
                staged.path.unlink(missing_ok=True)
        except (InstallFailed, RegisterError, OSError) as exc:
            unchanged = f"{exc}; the register and live index are unchanged"
            raise PublishError(FAILED, [unchanged]) from exc
        return replace(result, generation=generation)


def lock_file(registry: Path) -> Path:
    """Beside the register, so every writer of that file, whatever its index, shares it."""
    return registry.parent / f".{registry.name}.lock"


def busy(registry: Path) -> bool:
    """Whether a publication holds the register's lock at this moment: a writer that need not
    wait (a node's poll for newer versions) skips its turn rather than block its process."""
    registry.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file(registry), "a") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False


@contextmanager
def _exclusive(registry: Path) -> Iterator[None]:
    """One publisher at a time per register file (flock: released if the process dies)."""
    registry.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file(registry), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def validated_mark(registry: Path) -> Path:
    """Beside the register: the SHA-256 of the file as this module last installed it."""
    return registry.parent / f".{registry.name}.validated"


def _read_current(registry: Path) -> tuple[dict[str, Any], str, str | None]:
    """The register being replaced, its file's text and the SHA-256 of its bytes; a first
    import starts from an empty one (and no digest)."""
    try:
        data = registry.read_bytes()
    except FileNotFoundError:
        return {"companies": []}, "", None
    except OSError as exc:
        raise SourceError(f"{registry}: current register unreadable ({exc})") from exc
    try:
        text = data.decode("utf-8")
        return json.loads(text), text, hashlib.sha256(data).hexdigest()
    except ValueError as exc:
        raise SourceError(f"{registry}: current register unreadable ({exc})") from exc


@functools.cache
def rules_digest() -> str:
    """The code that decides what a valid register is: every module of this package, since
    validation reaches into the model, the dating rules, the certificate records and more."""
    digest = hashlib.sha256()
    for module in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def _mark(sha256: str) -> str:
    return f"{sha256} rules:{rules_digest()}"


def _validated(registry: Path) -> str | None:
    try:
        return validated_mark(registry).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _stage(
    candidate: dict[str, Any],
    registry: Path,
    previous: tuple[dict[str, Any], str, str | None],
    ours: bool,
) -> tuple[Staged, str]:
    """Write the candidate's file beside the register, not yet in its place; with its text.

    `previous` is the current register, its file's text and SHA-256; when this module wrote
    that file (`ours`), its unchanged companies' text is reused (register.register_file)."""
    current, text, current_sha256 = previous
    text = render(candidate, (current, text) if ours else None)
    path, sha256 = _write_temp(text, registry.parent)
    path.chmod(registry.stat().st_mode if registry.exists() else 0o644)
    return Staged(path, candidate, sha256, current, current_sha256), text


def _install(staged: Staged, registry: Path, install: Installer) -> str:
    """Install the staged file (the index first), then replace and archive the register."""
    generation = install(staged)
    if registry.exists():
        _archive(registry)
    validated_mark(registry).unlink(missing_ok=True)  # no mark until the file is in place
    os.replace(staged.path, registry)
    _mark_validated(registry, staged.sha256)
    return generation


def _mark_validated(registry: Path, sha256: str) -> None:
    """Without the mark the next publication only checks the whole register again, so a
    mark that cannot be written is left out rather than failing an installed publication."""
    temporary = validated_mark(registry).with_suffix(".tmp")
    try:
        temporary.write_text(_mark(sha256) + "\n", encoding="ascii")
        temporary.replace(validated_mark(registry))
    except OSError:
        temporary.unlink(missing_ok=True)


def _write_temp(text: str, directory: Path) -> tuple[Path, str]:
    data = text.encode("utf-8")
    fd, name = tempfile.mkstemp(prefix=".import-", suffix=".json", dir=directory)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name), hashlib.sha256(data).hexdigest()


def _archive(registry: Path) -> None:
    history = registry.parent / HISTORY_DIR
    history.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    shutil.copy2(registry, history / f"{registry.stem}-{stamp}{registry.suffix}")
