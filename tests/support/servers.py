"""Start the real site with the Procfile's command on a free loopback port, for server tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from register.paths import PROJECT_ROOT

START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_command() -> str:
    for line in (PROJECT_ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise AssertionError("Procfile has no web process")


def wait_until_healthy(
    base_url: str,
    process: subprocess.Popen,
    timeout: float = START_TIMEOUT,
    log: Path | None = None,
) -> None:
    """Poll /healthz until it answers; fail fast if the server process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with code {process.returncode}:\n{log_tail(log)}")
        try:
            if requests.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or a worker still booting on a busy machine
        time.sleep(0.05)
    raise AssertionError(f"{base_url} not healthy after {timeout}s:\n{log_tail(log)}")


def log_tail(log: Path | None, lines: int = 30) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def procfile_server(index_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Rate limits are off so browser and load tests never trip them; `extra_env` turns them on."""
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "VERIF_INDEX_DIR": str(index_dir),
        "VERIF_RATELIMIT_ENABLED": "false",
        # Reports and the form key beside the index, never in the project's var/.
        "VERIF_DATABASE_URL": f"sqlite:///{Path(index_dir).parent / 'reports.sqlite3'}",
        "VERIF_SECRET_KEY": "test-secret",
        # Browsers in tests fill forms in milliseconds; the minimum is pinned in tests/web.
        "VERIF_REPORTS_MIN_SECONDS": "0",
        **(extra_env or {}),
    }
    # gunicorn's error log goes to a file: an unread pipe would fill up and block the workers
    # on a long run, and the file's tail explains a failed start.
    log = Path(index_dir).parent / f"gunicorn-{port}.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            ["sh", "-c", f"exec {procfile_command()}"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, log=log)
        yield base_url
    finally:
        stop_process_group(process, timeout=15)


def stop_process_group(process: subprocess.Popen, timeout: float) -> None:
    """SIGTERM the server and its workers, SIGKILL whatever is left after `timeout`."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(condition, what: str, timeout: float = 60.0, interval: float = 0.02):
    """Poll `condition` until it returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
