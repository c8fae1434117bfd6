"""A bounded keep-alive HTTP load generator in plain Python, for machines without `wrk`.

It measures the same things as wrk (requests/s, p99) but spends more CPU per request,
so its absolute figures are lower: compare only ratios taken in the same run.
"""

from __future__ import annotations

import http.client
import threading
import time
from urllib.parse import urlsplit

from bench.measures import percentiles


def drive(
    url: str,
    seconds: float,
    connections: int,
    bodies: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> dict:
    """GET `url`, or POST `bodies` in turn with `headers` to it (the report form, whose
    tokens are good once each); 3xx is success."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("loopback only: this is for benchmarking our own server")
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    next_body = iter(bodies or ()).__next__  # one shared sequence: no body is sent twice

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                if bodies is None:
                    connection.request("GET", target)
                else:
                    connection.request("POST", target, body=next_body(), headers=headers or {})
                response = connection.getresponse()
                response.read()
                failed += response.status >= 400
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
            mine.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p99_ms": percentiles(latencies)["p99"],
        "errors": errors[0],
    }
