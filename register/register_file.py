"""Replacing the register file so that a failure at any step changes nothing.

The new register is written to a temporary file beside the old one and handed to the install
step (which switches the live index from it); only then is the file replaced, by a rename,
the previous one kept in `history/` beside it. Called by register.publishing under its lock.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HISTORY_DIR = "history"


def replace_register(
    candidate: dict[str, Any], registry: Path, install: Callable[[Path], str]
) -> str:
    """Stage the candidate, install it (the index first), then replace and archive the file."""
    registry.parent.mkdir(parents=True, exist_ok=True)
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
