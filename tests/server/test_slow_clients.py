"""Slow clients through the Procfile's real gunicorn: the site keeps answering.

A client that sends its request one header line at a time holds whatever serves it until the
request is complete. Under sync workers that is a whole worker (two such clients stopped the
site and got both workers killed, wiping their rate-limit counters); under the Procfile's
gevent workers it is one greenlet. The slow clients trickle a header line each time the
previous one went out, paced by `TRICKLE_SECONDS`, and the test measures /healthz meanwhile.
"""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests

from tests.support.servers import procfile_server

pytestmark = pytest.mark.server

SLOW_CLIENTS = 8  # four times the Procfile's default worker count
TRICKLE_SECONDS = 0.5
PROBES = 10
# Generous: an idle /healthz answers in milliseconds; a blocked site does not answer at all.
ANSWER_BOUND_SECONDS = 1.0


class SlowClient(threading.Thread):
    """Opens a request and sends one more header line every TRICKLE_SECONDS until told to stop."""

    def __init__(self, host: str, port: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.sock = socket.create_connection((host, port), timeout=10)
        self.stop = stop
        self.lines_sent = 0

    def run(self) -> None:
        self.sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: slow.example\r\n")
        while not self.stop.wait(TRICKLE_SECONDS):
            try:
                self.sock.sendall(f"X-Slow-{self.lines_sent}: 1\r\n".encode())
            except OSError:
                return  # the server may end a connection that never completes: its right
            self.lines_sent += 1

    def close(self) -> None:
        self.sock.close()


def test_health_answers_within_a_second_while_slow_clients_trickle(tmp_path):
    stop = threading.Event()
    with procfile_server(tmp_path / "index", {"WEB_CONCURRENCY": "2"}) as base_url:
        parts = urlsplit(base_url)
        workers_before = {requests.get(f"{base_url}/healthz", timeout=5).json()["worker"]}
        slow = [SlowClient(parts.hostname, parts.port, stop) for _ in range(SLOW_CLIENTS)]
        for client in slow:
            client.start()
        try:
            timings, workers = [], set()
            while len(timings) < PROBES or min(c.lines_sent for c in slow) < 2:
                started = time.monotonic()
                answer = requests.get(f"{base_url}/healthz", timeout=10)
                timings.append(time.monotonic() - started)
                assert answer.status_code == 200
                workers.add(answer.json()["worker"])
        finally:
            stop.set()
            for client in slow:
                client.join(timeout=5)
                client.close()
        workers_after = {requests.get(f"{base_url}/healthz", timeout=5).json()["worker"]}

    median = sorted(timings)[len(timings) // 2]
    print(
        f"\n{SLOW_CLIENTS} slow clients, {len(timings)} /healthz probes: "
        f"max {max(timings) * 1000:.0f} ms, median {median * 1000:.0f} ms"
    )
    assert max(timings) < ANSWER_BOUND_SECONDS
    assert workers_after <= workers | workers_before, "no worker was killed and replaced"
