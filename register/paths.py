"""Where the project and the bundled register live unless configured otherwise."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REGISTRY_PATH = str(PROJECT_ROOT / "data" / "registry" / "register.json")


def registry_path() -> str:
    return os.environ.get("VERIF_REGISTRY_PATH", DEFAULT_REGISTRY_PATH)
