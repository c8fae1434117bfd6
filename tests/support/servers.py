"""The real site for server tests: the Procfile's command (`bench/servers.py`), test settings."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.servers import serving
from register.paths import PROJECT_ROOT


@contextmanager
def procfile_server(index_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Rate limits are off so browser and load tests never trip them; `extra_env` turns them on.

    Everything gunicorn prints goes to `gunicorn-<index dir name>.log` beside the index dir."""
    index_dir = Path(index_dir)
    env = {
        "VERIF_INDEX_DIR": str(index_dir),
        "VERIF_RATELIMIT_ENABLED": "false",
        # Reports and the form key beside the index, never in the project's var/.
        "VERIF_DATABASE_URL": f"sqlite:///{index_dir.parent / 'reports.sqlite3'}",
        "VERIF_SECRET_KEY": "test-secret",
        # Browsers in tests fill forms in milliseconds; the minimum is pinned in tests/web.
        "VERIF_REPORTS_MIN_SECONDS": "0",
        **(extra_env or {}),
    }
    with serving(env, log=gunicorn_log(index_dir)) as (_, base_url):
        yield base_url


def gunicorn_log(index_dir: Path) -> Path:
    """Where procfile_server keeps everything gunicorn printed (tests read what it kept)."""
    return Path(index_dir).parent / f"gunicorn-{Path(index_dir).name}.log"


def operator_command(cluster: dict, *args: str) -> str:
    """`flask --app webapp <args>` as an operator runs it on the cluster's first node (its
    settings, its index): what it prints; a failing command fails the test."""
    env = {**os.environ, **cluster["env"], "VERIF_INDEX_DIR": str(cluster["index_dirs"][0])}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "webapp", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def wait_for(condition, what: str, timeout: float = 60.0, interval: float = 0.02):
    """Poll `condition` until it returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
