"""Start the real nginx, configured from deploy/nginx.conf.template, in front of local nodes."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.servers import free_port, stop_process_group
from scripts.render_nginx import prepare, render

NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
START_TIMEOUT = 15.0


def nginx_binary() -> str | None:
    return next(filter(None, (shutil.which(c) for c in NGINX_CANDIDATES)), None)


def _wait_for_port(port: int, process: subprocess.Popen, error_log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text() if error_log.exists() else ""
            raise AssertionError(f"nginx exited with code {process.returncode}:\n{log}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nginx not listening on {port} after {START_TIMEOUT}s")


@contextmanager
def nginx_front(
    nodes: list[str],
    prefix: Path,
    port: int | None = None,
    server_name: str = "127.0.0.1",
    tls_terminators: tuple[str, ...] = (),
) -> Iterator[str]:
    """nginx in the foreground with every file under `prefix`; yields its base URL.

    Pass `port` when the nodes must know the public address (BASE_URL) before nginx starts.
    """
    binary = nginx_binary()
    if binary is None:
        raise AssertionError("nginx is not installed (Debian package `nginx`; .ci/run installs it)")
    port = port or free_port()
    prepare(prefix)
    config = prefix / "nginx.conf"
    # As root, nginx would hand its workers to `nobody`, who cannot write our temp dirs.
    user = getpass.getuser() if os.geteuid() == 0 else None
    text = render(nodes, f"127.0.0.1:{port}", prefix, server_name, tls_terminators, user)
    config.write_text(text, encoding="utf-8")
    error_log = prefix / "error.log"
    command = [binary, "-p", str(prefix), "-e", str(error_log), "-c", str(config)]
    subprocess.run([*command, "-t", "-q"], check=True, capture_output=True)
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, process, error_log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process_group(process, timeout=10)
