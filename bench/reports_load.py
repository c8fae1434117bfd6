"""Reports under load: the report POST's throughput, and a mixed run proving SQLite holds.

The mixed run starts the site as the Procfile does with three workers on the default
SQLite database, then for N seconds (30 by default) keeps readers fetching company pages
and searches while other clients post reports. It ends with the counts that matter:
reads that failed, reports that failed, and "database is locked" lines in the server log
(each would be a lost report) — all three must be zero.

    python -m bench.reports_load [--seconds 30] [--readers 6] [--posters 2] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.measures import percentiles
from bench.servers import serving
from register.paths import DEFAULT_REGISTRY_PATH
from search_index import build_index
from webapp.report_form.guard import issue_token

RAISED_LIMIT = "1000000 per second"
SECRET_KEY = "benchmark"
# Bodies prepared for one run, each with its own token: more than a run on this machine posts.
POSTS_AT_MOST = 50_000
REPORT = {
    "kind": "withdrawn",
    "company": "maif",
    "details": "Mesure de charge : signalement de test.",
    "evidence_url": "https://example.org/preuve",
}
READ_PATHS = ("/entreprises/maif", "/recherche?q=boulanger", "/api/v1/search?q=edf", "/journal")
LOCKED = "database is locked"


def site_env(database: Path) -> dict[str, str]:
    """Budgets raised and the minimum fill time off: the benchmark measures the server."""
    return {
        "VERIF_DATABASE_URL": f"sqlite:///{database}",
        "VERIF_SECRET_KEY": SECRET_KEY,
        "VERIF_REPORTS_MIN_SECONDS": "0",
        "VERIF_RATELIMIT_SEARCH": RAISED_LIMIT,
        "VERIF_RATELIMIT_REPORTS_CLIENT": RAISED_LIMIT,
        "VERIF_RATELIMIT_REPORTS_COMPANY": RAISED_LIMIT,
    }


def report_bodies(count: int, company: str = "maif") -> list[str]:
    """Form bodies, each with its own token signed with the site's key: a token is good for
    one report, and fetching a form before each post would measure the form page too."""
    tokens = (issue_token(time.time(), SECRET_KEY.encode()) for _ in range(count))
    return [urlencode({**REPORT, "company": company, "jeton": token}) for token in tokens]


POST_HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "Sec-Fetch-Site": "same-origin",
}


def _client(base_url: str, deadline: float, request, outcome: dict, lock: threading.Lock) -> None:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    latencies, failures, statuses = [], 0, {}
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            status = request(connection)
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
        latencies.append((time.perf_counter() - start) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        failures += status not in (200, 303)
    connection.close()
    with lock:
        outcome["latencies"] += latencies
        outcome["failures"] += failures
        for status, count in statuses.items():
            outcome["statuses"][status] = outcome["statuses"].get(status, 0) + count


def mixed(base_url: str, seconds: float, readers: int, posters: int, log: Path) -> dict:
    bodies = iter(report_bodies(POSTS_AT_MOST))
    counter = iter(range(10**9))

    def read(connection) -> int:
        connection.request("GET", READ_PATHS[next(counter) % len(READ_PATHS)])
        response = connection.getresponse()
        response.read()
        return response.status

    def post(connection) -> int:
        connection.request("POST", "/signaler", body=next(bodies), headers=POST_HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status

    lock = threading.Lock()
    outcomes = {k: {"latencies": [], "failures": 0, "statuses": {}} for k in ("reads", "posts")}
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(base_url, deadline, read, outcomes["reads"], lock))
        for _ in range(readers)
    ] + [
        threading.Thread(target=_client, args=(base_url, deadline, post, outcomes["posts"], lock))
        for _ in range(posters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = {"seconds": seconds, "readers": readers, "posters": posters}
    for name, outcome in outcomes.items():
        result[name] = {
            "count": len(outcome["latencies"]),
            "failed": outcome["failures"],
            "statuses": {str(k): v for k, v in sorted(outcome["statuses"].items())},
            **(percentiles(outcome["latencies"]) if len(outcome["latencies"]) > 1 else {}),
        }
    result["database_locked_log_lines"] = log.read_text(errors="replace").count(LOCKED)
    return result


def run_mixed(seconds: float, readers: int = 6, posters: int = 2, workers: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        root = Path(tmp)
        build_index(DEFAULT_REGISTRY_PATH, root / "index")
        log = root / "gunicorn.log"
        env = {
            **site_env(root / "reports.sqlite3"),
            "VERIF_INDEX_DIR": str(root / "index"),
            "WEB_CONCURRENCY": str(workers),
        }
        with serving(env, log) as (_process, base_url):
            result = mixed(base_url, seconds, readers, posters, log)
        result["workers"] = workers
        return result


def print_mixed(result: dict) -> None:
    reads, posts = result["reads"], result["posts"]
    print(
        f"\nMixed load, SQLite, {result['workers']} gunicorn workers, {result['seconds']} s: "
        f"{result['readers']} readers, {result['posters']} posters"
    )
    print("| traffic | requests | failed | statuses | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for label, figures in (("reads", reads), ("report POSTs", posts)):
        print(
            f"| {label} | {figures['count']} | {figures['failed']} | {figures['statuses']} "
            f"| {figures.get('p50', '-')} | {figures.get('p99', '-')} |"
        )
    print(f'\n"{LOCKED}" in the server log: {result["database_locked_log_lines"]}')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--posters", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run_mixed(args.seconds, args.readers, args.posters)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_mixed(result)
    failed = result["reads"]["failed"] + result["posts"]["failed"]
    return 1 if failed or result["database_locked_log_lines"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
