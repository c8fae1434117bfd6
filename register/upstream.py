"""What we last installed from an upstream URL, so a scheduled import can ask "changed since?".

A small JSON file beside the register keeps the upstream's validators (ETag, Last-Modified)
and the digest of the register file they produced. The validators are only sent while the
register still is that file: after any other change (a local import, an identity check) the
next run downloads in full, so a 304 always means "the live register is the upstream's".
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from register.source import Validators

SUFFIX = ".upstream.json"


def state_path(registry: Path) -> Path:
    return registry.with_name(registry.stem + SUFFIX)


def saved_validators(registry: Path, url: str) -> Validators | None:
    """The validators to send for `url`, or None when a full download is needed."""
    try:
        state = json.loads(state_path(registry).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no state yet, or unreadable: a full download is always safe
    if not isinstance(state, dict) or state.get("url") != url:
        return None
    if state.get("register_sha256") != _digest(registry):
        return None
    etag, modified = state.get("etag"), state.get("last_modified")
    if not isinstance(etag, str | None) or not isinstance(modified, str | None):
        return None
    return Validators(etag, modified) if etag or modified else None


def save_validators(registry: Path, url: str, validators: Validators) -> None:
    """Record them next to the register just written (temp file + rename, like the register)."""
    state = {
        "url": url,
        "etag": validators.etag,
        "last_modified": validators.last_modified,
        "register_sha256": _digest(registry),
    }
    fd, name = tempfile.mkstemp(prefix=".upstream-", suffix=".json", dir=registry.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(state, indent=2) + "\n")
    os.replace(name, state_path(registry))


def _digest(registry: Path) -> str | None:
    try:
        return hashlib.sha256(registry.read_bytes()).hexdigest()
    except OSError:
        return None
