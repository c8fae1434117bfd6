"""The certifier API at size: 500 records in one call, then one record, on a synthetic register
of 10,000 companies, through a real gunicorn while readers keep reading.

The baseline, measured in the same run, is building the index of the same register (what any
install costs): each call's time is printed as a ratio to it. The readers count every answer
that is not a 200 during the calls: the live index switch must not drop a single read.

    python -m bench.certificates_speed [--companies 10000] [--readers 4] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench.servers import serving
from bench.synth_registry import synthetic_register
from reports.certifiers import add_certifier
from reports.database import Database

TARGETS = {"batch": 5.0, "one": 1.0}  # seconds, issue 21


def records(companies: list[dict], status: str = "active") -> list[dict]:
    return [
        {
            "number": f"BENCH-{position:05d}",
            "company": {"siren": company["siren"]},
            "status": status,
            "issued_on": "2026-01-15",
            "valid_until": "2030-01-14",
        }
        for position, company in enumerate(companies)
    ]


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def post(base_url: str, token: str, batch: list[dict]) -> tuple[float, int, dict]:
    connection = _connection(base_url)
    body = json.dumps({"certificates": batch})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    start = time.perf_counter()
    try:
        connection.request("POST", "/api/v1/certificates", body=body, headers=headers)
        response = connection.getresponse()
        status, answer = response.status, json.loads(response.read() or b"{}")
    except (OSError, http.client.HTTPException):  # e.g. gunicorn's --timeout killed the worker
        status, answer = 0, {}
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed, status, answer


def _reader(base_url: str, paths: list[str], stop: threading.Event, outcome: dict, lock) -> None:
    connection = _connection(base_url)
    count, failed = 0, 0
    for path in itertools.cycle(paths):
        if stop.is_set():
            break
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            failed += response.status != 200
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
        count += 1
    connection.close()
    with lock:
        outcome["reads"] += count
        outcome["failed"] += failed


def run(companies: int = 10_000, readers: int = 4) -> dict:
    from search_index import build_index

    raw = synthetic_register(companies)
    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as tmp:
        root = Path(tmp)
        registry = root / "register.json"
        registry.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        start = time.perf_counter()
        build_index(registry, root / "baseline-index")
        build_seconds = time.perf_counter() - start
        database = root / "reports.sqlite3"
        db = Database(f"sqlite:///{database}")
        token = add_certifier(db, "Banc d'essai", dt.datetime.now(dt.UTC))
        db.dispose()
        env = {
            "VERIF_REGISTRY_PATH": str(registry),
            "VERIF_INDEX_DIR": str(root / "index"),
            "VERIF_DATABASE_URL": f"sqlite:///{database}",
            "VERIF_RATELIMIT_ENABLED": "false",
            "VERIF_SECRET_KEY": "benchmark",
        }
        slugs = [c["slug"] for c in raw["companies"][:50]]
        paths = [f"/api/v1/companies/{s}" for s in slugs]
        paths += [f"/api/v1/search?q={quote(c['name'])}" for c in raw["companies"][:50]]
        with serving(env, root / "gunicorn.log") as (_process, base_url):
            outcome, lock, stop = {"reads": 0, "failed": 0}, threading.Lock(), threading.Event()
            threads = [
                threading.Thread(target=_reader, args=(base_url, paths, stop, outcome, lock))
                for _ in range(readers)
            ]
            for thread in threads:
                thread.start()
            batch = records(raw["companies"][:500])
            batch_seconds, batch_status, _ = post(base_url, token, batch)
            one = records(raw["companies"][500:501])
            one[0]["number"] = "BENCH-ONE-1"
            one_seconds, one_status, _ = post(base_url, token, one)
            again_seconds, again_status, answer = post(base_url, token, batch)
            stop.set()
            for thread in threads:
                thread.join()
        unchanged = sum(r["result"] == "unchanged" for r in answer.get("results", []))
    return {
        "companies": companies,
        "build_seconds": round(build_seconds, 2),
        "batch": {"records": 500, "seconds": round(batch_seconds, 2), "status": batch_status},
        "one": {"records": 1, "seconds": round(one_seconds, 2), "status": one_status},
        "unchanged": {
            "records": 500,
            "seconds": round(again_seconds, 2),
            "status": again_status,
            "unchanged": unchanged,
        },  # fmt: skip
        "readers": readers,
        "reads": outcome["reads"],
        "failed_reads": outcome["failed"],
    }


def print_results(result: dict) -> None:
    build = result["build_seconds"]
    print(
        f"\nCertifier API, {result['companies']} companies, one gunicorn (2 workers), "
        f"{result['readers']} readers meanwhile; baseline: index build {build} s"
    )
    print("| call | records | status | seconds | target | × index build |")
    print("|---|---|---|---|---|---|")
    for name, label in (("batch", "500 new"), ("one", "1 new"), ("unchanged", "500 again")):
        call = result[name]
        target = f"< {TARGETS[name]} s" if name in TARGETS else "-"
        print(
            f"| {label} | {call['records']} | {call['status']} | {call['seconds']} | {target} "
            f"| {call['seconds'] / build:.2f} |"
        )
    print(f"\nReads during the calls: {result['reads']}, failed: {result['failed_reads']}")
    if any(result[name]["status"] == 0 for name in ("batch", "one", "unchanged")):
        print("Status 0: the connection dropped (gunicorn's --timeout ended the worker mid-call).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.companies, args.readers)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_results(result)
    return 1 if result["failed_reads"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
