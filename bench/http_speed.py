"""HTTP benchmark: the site under the Procfile's gunicorn, against a bare Flask hello-world.

Both apps run in the same run, one after the other, with the same gunicorn command line
(the Procfile's, only the application name swapped) on loopback, and are driven by the
same bounded load generator: `wrk` when installed, else a small keep-alive Python client
(slower, so only same-run ratios mean anything). The site serves a synthetic register;
its rate limit is raised through configuration (VERIF_RATELIMIT_SEARCH), and the output
says so, because the default budget would turn the benchmark into a 429 benchmark.

    python -m bench.http_speed [--companies 10000] [--seconds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote_plus

from bench.measures import print_table, private_mb, rss_mb
from bench.pyload import drive
from bench.reports_load import POST_HEADERS, POSTS_AT_MOST, report_bodies, site_env
from bench.servers import serving
from bench.synth_registry import OUTPUT_DIR, write_synthetic

RAISED_LIMIT = "1000000 per second"
EXPORTS = ("/journal", "/flux.atom", "/registre.csv")
CONNECTIONS = 16
ROUNDS = 3


def worker_memory(process: subprocess.Popen) -> list[dict[str, float]]:
    """RSS and private memory of each gunicorn worker (`exec` made the shell the master)."""
    workers = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    return [{"rss": round(rss_mb(p), 1), "private": round(private_mb(p), 1)} for p in workers]


# wrk's threads each run their own copy of the script: each takes every WRK_THREADS-th body.
WRK_THREADS = 2
WRK_BODIES = """
local started = 0
function setup(thread) thread:set("offset", started); started = started + 1 end
local sent = 0
function request()
  sent = sent + 1
  return wrk.format(nil, nil, nil, bodies[(sent * {threads} + offset) % #bodies + 1])
end
"""


def wrk(
    url: str, seconds: float, bodies: list[str] | None = None, paths: list[str] | None = None
) -> dict:
    """`bodies`: POST them in turn as same-origin forms (the report route, whose tokens are
    good once each); 303 counts as success.
    `paths`: request them in turn instead of `url`'s path (traffic that misses caches)."""
    command = [
        "wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{round(seconds)}s", "--latency", url
    ]  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if bodies is not None:
            headers = "".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in POST_HEADERS.items())
            table = ",\n".join(f'"{body}"' for body in bodies)
            script.write(f'wrk.method = "POST"\n{headers}bodies = {{\n{table}\n}}\n')
            script.write(WRK_BODIES.replace("{threads}", str(WRK_THREADS)))
        if paths:
            listed = ",".join(json.dumps(path) for path in paths)
            script.write(
                f"paths = {{{listed}}}\ni = 0\n"
                "request = function()\n  i = i % #paths + 1\n"
                "  return wrk.format(nil, paths[i])\nend\n"
            )
        if bodies is not None or paths:
            script.flush()
            command += ["-s", script.name]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "requests_per_second": rps,
        "p99_ms": round(float(p99.group(1)) * scale, 2),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def load(url: str, seconds: float, bodies: list[str] | None = None) -> dict:
    if shutil.which("wrk"):
        return wrk(url, seconds, bodies)
    return drive(url, seconds, CONNECTIONS, bodies, POST_HEADERS)


def median_pair(pairs: list[tuple[dict, dict]]) -> tuple[float, dict]:
    """The (hello-world req/s, route figures) pair whose ratio is the median one."""
    ranked = sorted(pairs, key=lambda p: p[1]["requests_per_second"] / p[0]["requests_per_second"])
    hello_run, route_run = ranked[len(ranked) // 2]
    return hello_run["requests_per_second"], dict(route_run)


def page_with_stylesheets_bytes(base_url: str, path: str) -> int:
    """What a first visit downloads for a page, htmx excluded (it is cached site-wide)."""
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        html = response.read()
    sheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    return len(html) + sum(transferred_bytes(base_url, s.decode()) for s in sheets)


def transferred_bytes(base_url: str, path: str) -> int:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return len(response.read())


def mixed_paths(register, query_file: Path) -> dict[str, list[str]]:
    """Traffic as it comes: the search corpus cycled, every company page in turn."""
    texts = [query["text"] for query in json.loads(query_file.read_text(encoding="utf-8"))]
    return {
        "search API": [f"/api/v1/search?q={quote_plus(text)}" for text in texts],
        "company pages": [f"/entreprises/{company.slug}" for company in register.companies],
        "/recherche": [f"/recherche?q={quote_plus(text)}" for text in texts],
    }


def sequential(url: str, requests: int = 60, budget_seconds: float = 60.0) -> dict:
    """Latency of one request at a time (a feed reader, a download), p95 over up to
    `requests`, stopping early once `budget_seconds` are spent on a slow route. The slowest
    is reported too: the first answer of each worker for a (generation, day) is computed,
    the later ones are remembered."""
    latencies: list[float] = []
    deadline = time.monotonic() + budget_seconds
    while len(latencies) < requests and (len(latencies) < 2 or time.monotonic() < deadline):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            size = len(response.read())
        latencies.append((time.perf_counter() - started) * 1000)
    cut = sorted(latencies)[max(0, math.ceil(0.95 * len(latencies)) - 1)]
    return {
        "requests": len(latencies),
        "p95_ms": round(cut, 1),
        "slowest_ms": round(max(latencies), 1),
        "bytes": size,
    }


def run(companies: int, seconds: float) -> dict:
    from register import load_register
    from search_index import build_index

    register_path = OUTPUT_DIR / f"register-{companies}.json"
    if not register_path.exists():
        write_synthetic(companies, OUTPUT_DIR)
    register = load_register(register_path)
    slug, words = register.companies[0].slug, quote_plus(register.companies[0].name)
    routes = {
        "badge": f"/badge/{slug}.svg",
        "search API": f"/api/v1/search?q={words}",
        "search API, phrase": f"/api/v1/search?q=service+client+{words}",
        "company page": f"/entreprises/{slug}",
        "home": "/",
        "/recherche": f"/recherche?q={words}",
        "report POST": "/signaler",
    }
    mixed = mixed_paths(register, register_path.with_name(f"queries-{companies}.json"))
    del register
    results: dict = {
        "companies": companies,
        "seconds_per_run": seconds,
        "rounds": ROUNDS,
        "load_generator": "wrk" if shutil.which("wrk") else "python",
        "rate_limit": f"search and report budgets raised to {RAISED_LIMIT!r}; reports in SQLite",
        "routes": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp, ExitStack() as servers:
        build_index(register_path, tmp)  # before the workers start: none of them builds
        hello, hello_url = servers.enter_context(serving({}, app="bench.hello_app:app"))
        site, site_url = servers.enter_context(
            serving(
                {
                    "VERIF_INDEX_DIR": tmp,
                    "VERIF_REGISTRY_PATH": str(register_path),
                    **site_env(Path(tmp) / "reports.sqlite3"),
                }
            )
        )
        bodies = {"report POST": report_bodies(POSTS_AT_MOST, slug)}
        # Each route run follows a hello-world run, ROUNDS times, and the median pair is
        # kept: on a machine whose load changes by the minute, adjacent runs share
        # conditions, so their ratio holds better than either figure alone.
        hello_runs = []
        for label, path in routes.items():
            pairs = []
            for _ in range(ROUNDS):
                hello_run = load(hello_url + "/", seconds)
                pairs.append((hello_run, load(site_url + path, seconds, bodies.get(label))))
                hello_runs.append(hello_run)
            hello_rps, figures = median_pair(pairs)
            figures["path"] = path
            figures["bytes"] = 0 if label in bodies else transferred_bytes(site_url, path)
            figures["hello_requests_per_second"] = hello_rps
            figures["ratio_to_hello"] = round(figures["requests_per_second"] / hello_rps, 2)
            results["routes"][label] = figures
        if shutil.which("wrk"):
            results["mixed"] = {
                label: {**wrk(site_url + "/", seconds, paths=paths), "paths": len(paths)}
                for label, paths in mixed.items()
            }
        results["exports"] = {path: sequential(site_url + path) for path in EXPORTS}
        results["home_with_stylesheets_bytes"] = page_with_stylesheets_bytes(site_url, "/")
        results["hello"] = {
            "requests_per_second": round(
                statistics.mean(r["requests_per_second"] for r in hello_runs), 1
            ),
            "p99_ms": max(r["p99_ms"] for r in hello_runs),
            "errors": sum(r["errors"] for r in hello_runs),
            "worker_memory_mb": worker_memory(hello),
        }
        results["site_worker_memory_mb"] = worker_memory(site)
    return results


def print_results(results: dict) -> None:
    hello = results["hello"]
    print_table(
        f"HTTP — Procfile gunicorn, {results['companies']:,} synthetic companies, "
        f"{results['load_generator']}, {CONNECTIONS} connections, "
        f"median of {ROUNDS} × {results['seconds_per_run']} s runs; {results['rate_limit']}",
        ["route", "req/s", "p99 ms", "non-2xx", "bytes", "hello-world req/s just before", "ratio"],
        [
            [
                f"`{r['path']}`",
                f"{r['requests_per_second']:.0f}",
                r["p99_ms"],
                r["errors"],
                r["bytes"],
                f"{r['hello_requests_per_second']:.0f}",
                f"{r['ratio_to_hello']:.2f}",
            ]
            for r in results["routes"].values()
        ],
    )
    print(
        f"\nhello-world `/`: mean {hello['requests_per_second']:.0f} req/s, "
        f"worst p99 {hello['p99_ms']} ms, {hello['errors']} non-2xx; home page + stylesheets "
        f"{results['home_with_stylesheets_bytes'] / 1000:.1f} KB (htmx excluded, uncompressed)"
    )
    hello_rps = hello["requests_per_second"]
    if "mixed" in results:
        print_table(
            "Mixed traffic, wrk cycling through paths (caches miss as in real life)",
            ["paths", "how many", "req/s", "p99 ms", "non-2xx", "ratio to mean hello-world"],
            [
                [label, r["paths"], f"{r['requests_per_second']:.0f}", r["p99_ms"], r["errors"]]
                + [f"{r['requests_per_second'] / hello_rps:.2f}"]
                for label, r in results["mixed"].items()
            ],
        )
    print_table(
        "Exports, one request at a time",
        ["path", "requests", "p95 ms", "slowest ms", "bytes"],
        [
            [f"`{p}`", r["requests"], r["p95_ms"], r["slowest_ms"], r["bytes"]]
            for p, r in results["exports"].items()
        ],
    )
    for label, workers in (
        ("site", results["site_worker_memory_mb"]),
        ("hello-world", hello["worker_memory_mb"]),
    ):
        shown = ", ".join(f"{w['rss']:.0f} RSS / {w['private']:.0f} private" for w in workers)
        print(f"\n{label} workers, MB: {shown}", end="")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=2, help="per run")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = run(args.companies, args.seconds)
    if args.json:
        print(json.dumps({"http": results}, indent=2))
    else:
        print_results(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
