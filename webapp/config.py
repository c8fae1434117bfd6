"""Configuration: defaults, then VERIF_* environment variables, then the create_app() argument.

Every key is documented in the README (tests/web/test_docs.py checks it).
"""

from __future__ import annotations

import os
from typing import Any

from register.paths import DEFAULT_REGISTRY_PATH, PROJECT_ROOT
from reports.database import DEFAULT_DATABASE_URL
from search_index.paths import DEFAULT_INDEX_DIR

__all__ = ["DEFAULTS", "PROJECT_ROOT", "load_config"]

DEFAULTS: dict[str, Any] = {
    "REGISTRY_PATH": DEFAULT_REGISTRY_PATH,
    "INDEX_DIR": DEFAULT_INDEX_DIR,
    "GENERATION_CHECK_SECONDS": 1.0,
    "CACHE_MAX_AGE": 60,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_SEARCH": "60 per minute",
    "RATELIMIT_STORAGE_URI": "memory://",
    # The site's public address, e.g. "https://verif.example": absolute URLs come only from it.
    "BASE_URL": "",
    # Addresses or networks of the reverse proxies whose X-Forwarded-For/-Proto are believed.
    "TRUSTED_PROXIES": "",
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "DATABASE_URL": DEFAULT_DATABASE_URL,
    "SECRET_KEY": "",
    "REPORTS_MIN_SECONDS": 3,
    "REPORTS_MAX_AGE_SECONDS": 86400,
    "RATELIMIT_REPORTS_CLIENT": "5 per day",
    "RATELIMIT_REPORTS_COMPANY": "20 per day",
    "REPORTS_EMAIL_RETENTION_MONTHS": 3,
    # Certifier API: its own body limit (500 records), a budget per account, and how often
    # each worker asks the shared database for a newer register version.
    "CERTIFICATES_MAX_BYTES": 1024 * 1024,
    "RATELIMIT_CERTIFICATES": "30 per minute",
    "REGISTER_SYNC_SECONDS": 2.0,
    "PUBLISHER": "",
    "PUBLISHER_CONTACT": "",
}
ENV_PREFIX = "VERIF_"
_FALSE = ("0", "false", "no", "off")


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    for key, default in DEFAULTS.items():
        raw = os.environ.get(ENV_PREFIX + key)
        if raw is not None:
            config[key] = _parse(raw, type(default))
    config.update(overrides or {})
    return config


def _parse(raw: str, kind: type) -> Any:
    """Environment values are text; `bool("false")` is True, so booleans are read by word."""
    if kind is bool:
        return raw.strip().lower() not in _FALSE
    return kind(raw)
