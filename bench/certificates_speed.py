"""The certifier API at size: 500 records in one call, then one record, on a synthetic register
of 10,000 companies, through a real gunicorn while readers keep reading.

The baseline, measured in the same run, is building the index of the same register (what a
full rebuild costs): each call's time is printed as a ratio to it. The readers count every
answer that is not a 200 during the calls: the live index switch must not drop a single read.
The first call writes one record to a register file no publication has marked valid yet, so
it checks the whole register (register.publishing); the others check only what they change.
`--in-process` times the same calls through register.publishing.publish directly (no server,
no database), where a profile shows what a publication itself costs, and what a worker's switch
to each new generation costs: opened from the generation it served (search_index.opening) beside
the same generation read in full, its baseline.

    python -m bench.certificates_speed [--companies 10000] [--readers 4] [--in-process] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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
from register.certificates import apply_certificates
from register.model import RegisterError
from register.publishing import publish
from register.source import Incoming
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
    raw = synthetic_register(companies)
    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as tmp:
        root = Path(tmp)
        registry, build_seconds = _written_and_built(raw, root, root / "baseline-index")
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
            calls = [post(base_url, token, batch) for batch in _batches(raw)]
            stop.set()
            for thread in threads:
                thread.join()
    result = _figures(companies, build_seconds, calls)
    return {
        **result,
        "server": True,
        "readers": readers,
        "reads": outcome["reads"],
        "failed_reads": outcome["failed"],
    }


def _written_and_built(raw: dict, root: Path, index_dir: Path) -> tuple[Path, float]:
    """The register file under `root`, and the seconds a full index build of it takes: the
    same run's baseline every figure is divided by."""
    from search_index import build_index

    registry = root / "register.json"
    registry.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    start = time.perf_counter()
    build_index(registry, index_dir)
    return registry, time.perf_counter() - start


def _batches(raw: dict) -> list[list[dict]]:
    """First write (one record), 500 new, one new, the 500 again (all unchanged)."""
    first = records(raw["companies"][-1:])
    first[0]["number"] = "BENCH-FIRST-1"
    one = records(raw["companies"][-2:-1])
    one[0]["number"] = "BENCH-ONE-1"
    batch = records(raw["companies"][:500])
    return [first, batch, one, batch]


def _figures(companies: int, build_seconds: float, calls: list[tuple]) -> dict:
    names = ("first", "batch", "one", "unchanged")
    result = {"companies": companies, "build_seconds": round(build_seconds, 2)}
    for name, (seconds, status, _), size in zip(names, calls, (1, 500, 1, 500), strict=True):
        result[name] = {"records": size, "seconds": round(seconds, 2), "status": status}
    result["unchanged"]["unchanged"] = sum(
        r["result"] == "unchanged" for r in calls[-1][2].get("results", [])
    )
    return result


def run_in_process(companies: int = 10_000) -> dict:
    """The same calls through register.publishing.publish, in this process, each followed by a
    worker's switch to the new generation (from the one served, and in full)."""
    from search_index import current_generation
    from search_index.opening import open_generation
    from search_index.publish import index_installer

    raw = synthetic_register(companies)
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as tmp:
        root = Path(tmp)
        registry, build_seconds = _written_and_built(raw, root, root / "index")
        serving = open_generation(root / "index", current_generation(root / "index"))
        calls, switches = [], []
        for batch in _batches(raw):
            outcome: dict = {}

            def change(current: dict, batch: list[dict] = batch, outcome: dict = outcome):
                applied = apply_certificates(current, batch, "Banc d'essai", today)
                if applied.errors:
                    raise RegisterError([e["message"] for e in applied.errors])
                outcome["results"] = applied.results
                return Incoming(applied.candidate, "bench", "json")

            start = time.perf_counter()
            publish(registry, change, index_installer(root / "index"), today)
            calls.append((time.perf_counter() - start, 200, outcome))
            serving, switch = _switch(root / "index", serving)
            switches.append(switch)
    return {**_figures(companies, build_seconds, calls), "server": False, "readers": 0,
            "reads": 0, "failed_reads": 0, "switches": switches}  # fmt: skip


def _switch(index_root: Path, serving):
    """A worker's switch to the live generation: (the new generation, {seconds from the one
    served, seconds reading it in full}); nothing to time when the call changed nothing."""
    from search_index import current_generation
    from search_index.opening import open_generation

    name = current_generation(index_root)
    if name == serving.name:
        return serving, None
    start = time.perf_counter()
    followed = open_generation(index_root, name, serving)
    quick = time.perf_counter() - start
    start = time.perf_counter()
    open_generation(index_root, name)
    full = time.perf_counter() - start
    gc.collect()  # the full reading's garbage is not charged to the next call
    return followed, {"seconds": round(quick, 3), "full_seconds": round(full, 3)}


def print_results(result: dict) -> None:
    build = result["build_seconds"]
    where = (
        f"one gunicorn (2 workers), {result['readers']} readers meanwhile"
        if result["server"]
        else "in process (register.publishing.publish)"
    )
    print(
        f"\nCertifier API, {result['companies']} companies, {where}; baseline: full index "
        f"build {build} s"
    )
    print("| call | records | status | seconds | target | × index build |")
    print("|---|---|---|---|---|---|")
    rows = (("first", "1 new, first write (whole register checked)"), ("batch", "500 new"),
            ("one", "1 new"), ("unchanged", "500 again"))  # fmt: skip
    for name, label in rows:
        call = result[name]
        target = f"< {TARGETS[name]} s" if name in TARGETS else "-"
        print(
            f"| {label} | {call['records']} | {call['status']} | {call['seconds']} | {target} "
            f"| {call['seconds'] / build:.2f} |"
        )
    if result["server"]:
        print(f"\nReads during the calls: {result['reads']}, failed: {result['failed_reads']}")
    else:
        _print_switches(result, [label for _, label in rows])


def _print_switches(result: dict, labels: list[str]) -> None:
    print("\nA worker's switch to the new generation; baseline: the same generation read in full")
    print("| after | from the generation served (s) | read in full (s) | × full reading |")
    print("|---|---|---|---|")
    for label, switch in zip(labels, result["switches"], strict=True):
        if switch is None:
            print(f"| {label} | - (no new generation) | - | - |")
            continue
        ratio = switch["seconds"] / switch["full_seconds"]
        print(f"| {label} | {switch['seconds']} | {switch['full_seconds']} | {ratio:.2f} |")
    if any(result[name]["status"] == 0 for name in ("first", "batch", "one", "unchanged")):
        print("Status 0: the connection dropped (gunicorn's --timeout ended the worker mid-call).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--in-process", action="store_true", help="no server: publish() itself")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.in_process:
        result = run_in_process(args.companies)
    else:
        result = run(args.companies, args.readers)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_results(result)
    return 1 if result["failed_reads"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
