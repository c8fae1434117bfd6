"""Configuration: defaults, then VERIF_* environment variables, then the create_app() argument.

Every key is documented in the README (a test checks it).
"""

from __future__ import annotations

import os
from typing import Any

from search_index.paths import DEFAULT_INDEX_DIR, DEFAULT_REGISTRY_PATH, PROJECT_ROOT

__all__ = ["DEFAULTS", "PROJECT_ROOT", "load_config"]

DEFAULTS: dict[str, Any] = {
    "REGISTRY_PATH": DEFAULT_REGISTRY_PATH,
    "INDEX_DIR": DEFAULT_INDEX_DIR,
    "GENERATION_CHECK_SECONDS": 1.0,
    "CACHE_MAX_AGE": 60,
}
ENV_PREFIX = "VERIF_"


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    for key, default in DEFAULTS.items():
        raw = os.environ.get(ENV_PREFIX + key)
        if raw is not None:
            config[key] = type(default)(raw)
    config.update(overrides or {})
    return config
