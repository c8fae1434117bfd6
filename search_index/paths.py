"""Where the index generations live unless configured otherwise."""

from __future__ import annotations

import os

from register.paths import PROJECT_ROOT

DEFAULT_INDEX_DIR = str(PROJECT_ROOT / "var" / "index")


def index_dir() -> str:
    return os.environ.get("VERIF_INDEX_DIR", DEFAULT_INDEX_DIR)
