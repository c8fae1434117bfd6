"""Start the site the way the Procfile does, on a free loopback port.

One helper for the benchmarks and the server tests, because both must run the command that
production runs: the Procfile's `web:` line (for the hello-world baseline, with only the
application swapped), in its own process group so its workers stop with it, gunicorn's error log
in a file (an unread pipe would fill up and block the workers), and /healthz polled until it
answers. It lives in `bench/`, which the tests already import to check the benchmark tools;
`tests/support/servers.py` adds the test configuration on top.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from register.paths import PROJECT_ROOT

SITE_APP = "webapp:create_app()"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_command(app: str = SITE_APP) -> str:
    """The Procfile's `web:` command, serving `app` (a gunicorn application spec)."""
    for line in (PROJECT_ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            command = line.removeprefix("web:").strip()
            if f'"{SITE_APP}"' not in command:
                raise LookupError(f"the Procfile's web process does not serve {SITE_APP}")
            return command.replace(f'"{SITE_APP}"', f'"{app}"')
    raise LookupError("Procfile has no web process")


@contextmanager
def serving(
    env: dict[str, str], log: Path | None = None, app: str = SITE_APP
) -> Iterator[tuple[subprocess.Popen, str]]:
    """Run the Procfile's command with `env` added; yield (process, base URL) once healthy.

    `log` receives everything gunicorn prints (it keeps no access log): the tests and the
    reports benchmark read it, and its tail explains a failed start."""
    port = free_port()
    full_env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        **env,
    }
    with log.open("wb") if log else open(os.devnull, "wb") as output:
        process = subprocess.Popen(
            ["sh", "-c", f"exec {procfile_command(app)}"],
            cwd=PROJECT_ROOT,
            env=full_env,
            stdout=output,  # as a journal would: the privacy test reads whatever is kept
            stderr=output,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, log=log)
        yield process, base_url
    finally:
        stop_process_group(process)


def wait_until_healthy(
    base_url: str,
    process: subprocess.Popen,
    timeout: float = START_TIMEOUT,
    log: Path | None = None,
) -> None:
    """Poll /healthz until it answers 200; fail at once, with the log's tail, if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass  # not listening yet, or a worker still booting on a busy machine
        time.sleep(0.05)
    raise RuntimeError(f"{base_url} not healthy after {timeout}s:\n{log_tail(log)}")


def log_tail(log: Path | None, lines: int = 30) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def stop_process_group(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the server and its workers, SIGKILL whatever is left after `timeout`."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
