"""Send continuous requests to a site running on this machine and report what came back.

    python -m bench.loadcheck http://127.0.0.1:8000 [--seconds 10] [--requests 2000]
        [--concurrency 4] [--path /recherche?q=maif ...]

Bounded in time and in request count, and refuses any host that is not loopback: it is
a check of our own server (the zero-downtime test drives it during an index switch), not
a tool to aim at someone else's. A failure is a connection error, a timeout or a status
other than 200; the report gives counts per status and latency percentiles.
"""

from __future__ import annotations

import argparse
import ipaddress
import itertools
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

DEFAULT_PATHS = (
    "/",
    "/recherche?q=maif",
    "/api/v1/search?q=edf",
    "/api/v1/search?q=552081317",
    "/entreprises/boulanger",
    "/recherche?q=maaf",
)
REQUEST_TIMEOUT = 10.0


@dataclass
class LoadReport:
    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return len(self.failures)

    def percentile(self, share: float) -> float:
        """Latency in milliseconds below which `share` of the requests finished (nearest rank)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))
        return ordered[rank] * 1000

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items(), key=str)},
            "latency_ms": {
                name: round(self.percentile(share), 1)
                for name, share in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
            },
            "failure_samples": self.failures[:5],
        }


def require_loopback(base_url: str) -> None:
    host = urlsplit(base_url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"{base_url}: loadcheck only targets this machine (127.0.0.1, ::1)")


def run_load(
    base_url: str,
    paths: tuple[str, ...] = DEFAULT_PATHS,
    *,
    concurrency: int = 4,
    max_requests: int = 2000,
    max_seconds: float = 10.0,
    stop: threading.Event | None = None,
    report: LoadReport | None = None,
) -> LoadReport:
    """Run until `max_requests` are sent, `max_seconds` pass or `stop` is set, whichever first.

    A caller running this in a thread passes its own `report` to watch progress live.
    """
    require_loopback(base_url)
    report = report if report is not None else LoadReport()
    lock = threading.Lock()
    stop = stop or threading.Event()
    deadline = time.monotonic() + max_seconds
    tickets = itertools.count()
    cycle = itertools.cycle(paths)

    def worker() -> None:
        with requests.Session() as session:
            while not stop.is_set() and time.monotonic() < deadline:
                with lock:
                    if next(tickets) >= max_requests:
                        return
                    path = next(cycle)
                started = time.perf_counter()
                try:
                    status = session.get(base_url + path, timeout=REQUEST_TIMEOUT).status_code
                    failure = None if status == 200 else f"{path}: HTTP {status}"
                except requests.RequestException as exc:
                    status, failure = "exception", f"{path}: {type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - started
                with lock:
                    report.statuses[status] += 1
                    report.latencies.append(elapsed)
                    if failure:
                        report.failures.append(failure)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadcheck")
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000 (loopback only)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--path", action="append", help="a path to request (repeatable)")
    args = parser.parse_args(argv)
    try:
        report = run_load(
            args.base_url.rstrip("/"),
            tuple(args.path or DEFAULT_PATHS),
            concurrency=args.concurrency,
            max_requests=args.requests,
            max_seconds=args.seconds,
        )
    except ValueError as exc:
        parser.error(str(exc))
    print(json.dumps(report.summary(), indent=2))
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
