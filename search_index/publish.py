"""Publishing a validated register: build and switch its index, then replace the file.

The index is switched before the register file is replaced, and the file is replaced by a
rename, so a failure at any step leaves the site serving the previous generation; the
replaced file is kept in `history/` beside it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from search_index.build import build_index

HISTORY_DIR = "history"
LOCK_FILE = ".import.lock"


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
