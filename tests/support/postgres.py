"""A real PostgreSQL server for the tests: initdb in a temp dir, Unix socket only, then stopped.

PostgreSQL refuses to run as root, and the suite may run as root (CI containers): the server
then runs as the `postgres` system user (or `nobody`) in a directory that user owns.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

START_TIMEOUT = 30.0
SUPERUSER = "verif"


def postgres_bin_dir() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), reverse=True)
    if not candidates:
        raise AssertionError(
            "PostgreSQL is not installed (Debian package `postgresql`; make test installs it)"
        )
    return candidates[0].parent


def _server_user() -> pwd.struct_passwd | None:
    """None when we may run the server ourselves; otherwise the unprivileged user to run it as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise AssertionError("running as root and neither `postgres` nor `nobody` exists")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the socket directory of a fresh server whose superuser is `verif` (trust auth)."""
    bin_dir = postgres_bin_dir()
    user = _server_user()
    # Not under pytest's tmp_path: that lives in a root-only directory the server cannot enter.
    root = Path(tempfile.mkdtemp(prefix="verif-pg-"))
    data, socket_dir = root / "data", root / "socket"
    socket_dir.mkdir()
    as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
    if user:
        for path in (root, socket_dir):
            os.chown(path, user.pw_uid, user.pw_gid)
    log = root / "postgres.log"
    process = None
    try:
        subprocess.run(
            [bin_dir / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
             "--no-sync", "--locale=C.UTF-8"],
            check=True, capture_output=True, cwd=root, **as_user,
        )  # fmt: skip
        with log.open("wb") as output:
            process = subprocess.Popen(
                [bin_dir / "postgres", "-D", data, "-k", socket_dir, "-c", "listen_addresses=",
                 "-c", "fsync=off", "-c", "max_connections=200"],
                stdout=output, stderr=subprocess.STDOUT, cwd=root, start_new_session=True,
                **as_user,
            )  # fmt: skip
        _wait_until_ready(socket_dir, process, log)
        yield str(socket_dir)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_ready(socket_dir: Path, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"postgres exited with code {process.returncode}:\n"
                                 f"{log.read_text(errors='replace')}")  # fmt: skip
        try:
            psycopg.connect(host=str(socket_dir), user=SUPERUSER, dbname="postgres").close()
            return
        except psycopg.OperationalError:
            time.sleep(0.05)
    raise AssertionError(f"postgres not ready after {START_TIMEOUT}s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGINT is PostgreSQL's fast shutdown: clients are disconnected, nothing is left running."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def create_database(socket_dir: str, name: str) -> str:
    """A new empty database on the server; returns its SQLAlchemy URL."""
    with psycopg.connect(
        host=socket_dir, user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{SUPERUSER}@/{name}?host={socket_dir}"
