"""A real redis-server (Debian package) on a free loopback port, in a temporary directory."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from bench.servers import free_port, stop_process_group
from tests.support.servers import wait_for


@contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """Yields a redis:// URL; nothing is persisted, the process dies with the block."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(directory)]
    command += ["--save", "", "--appendonly", "no", "--protected-mode", "yes"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, socket_timeout=1)

    def answers() -> bool:
        assert process.poll() is None, f"redis-server exited with code {process.returncode}"
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    try:
        wait_for(answers, "redis-server to answer PING", timeout=15)
        yield url
    finally:
        client.close()
        stop_process_group(process, timeout=10)
