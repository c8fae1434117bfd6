"""HTTP benchmark: the site under the Procfile's gunicorn, against a bare Flask hello-world.

Both apps run in the same run, one after the other, with the same gunicorn command line
(the Procfile's, only the application name swapped) on loopback, and are driven by the
same bounded load generator: `wrk` when installed, else a small keep-alive Python client
(slower, so only same-run ratios mean anything). The site serves a synthetic register;
its rate limit is raised through configuration (VERIF_RATELIMIT_SEARCH), and the output
says so, because the default budget would turn the benchmark into a 429 benchmark.

    python scripts/bench_http.py [--companies 10000] [--seconds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.benchlib import (  # noqa: E402
    free_port,
    print_table,
    private_mb,
    procfile_command,
    rss_mb,
    wait_until_answering,
)
from scripts.pyload import drive  # noqa: E402
from scripts.synth_registry import OUTPUT_DIR, write_synthetic  # noqa: E402

RAISED_LIMIT = "1000000 per second"
CONNECTIONS = 16


def start(app_spec: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """The Procfile's command with `app_spec` as the application; returns (process, base URL)."""
    command = re.sub(r'"webapp:create_app\(\)"', f'"{app_spec}"', procfile_command(ROOT))
    port = free_port()
    process = subprocess.Popen(
        ["sh", "-c", f"exec {command}"],
        cwd=ROOT,
        env={
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, 15)
    process.wait(timeout=20)


def worker_memory(process: subprocess.Popen) -> list[dict[str, float]]:
    """RSS and private memory of each gunicorn worker (`exec` made the shell the master)."""
    workers = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    return [{"rss": round(rss_mb(p), 1), "private": round(private_mb(p), 1)} for p in workers]


def wrk(url: str, seconds: float) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{round(seconds)}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "requests_per_second": rps,
        "p99_ms": round(float(p99.group(1)) * scale, 2),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def load(url: str, seconds: float) -> dict:
    if shutil.which("wrk"):
        return wrk(url, seconds)
    return drive(url, seconds, CONNECTIONS)


def transferred_bytes(base_url: str, path: str) -> int:
    with urllib.request.urlopen(base_url + path, timeout=10) as response:
        return len(response.read())


def run(companies: int, seconds: float) -> dict:
    from search_index import build_index, load_register

    register_path = OUTPUT_DIR / f"register-{companies}.json"
    if not register_path.exists():
        write_synthetic(companies, OUTPUT_DIR)
    slug = load_register(register_path).companies[0].slug
    name = load_register(register_path).companies[0].name
    routes = {
        "badge": f"/badge/{slug}.svg",
        "search API": "/api/v1/search?q=" + name.replace(" ", "+"),
        "home": "/",
    }
    results: dict = {
        "companies": companies,
        "seconds_per_route": seconds,
        "load_generator": "wrk" if shutil.which("wrk") else "python",
        "rate_limit": f"VERIF_RATELIMIT_SEARCH={RAISED_LIMIT!r} (raised for the benchmark)",
        "routes": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        build_index(register_path, tmp)  # before the workers start: none of them builds
        hello, hello_url = start("scripts.hello_app:app", {})
        try:
            wait_until_answering(hello_url + "/healthz", hello)
            results["hello"] = load(hello_url + "/", seconds)
            results["hello"]["worker_memory_mb"] = worker_memory(hello)
        finally:
            stop(hello)
        site, site_url = start(
            "webapp:create_app()",
            {
                "VERIF_INDEX_DIR": tmp,
                "VERIF_REGISTRY_PATH": str(register_path),
                "VERIF_RATELIMIT_SEARCH": RAISED_LIMIT,
            },
        )
        try:
            wait_until_answering(site_url + "/healthz", site)
            for label, path in routes.items():
                figures = load(site_url + path, seconds)
                figures["path"] = path
                figures["bytes"] = transferred_bytes(site_url, path)
                figures["ratio_to_hello"] = round(
                    figures["requests_per_second"] / results["hello"]["requests_per_second"], 2
                )
                results["routes"][label] = figures
            results["site_worker_memory_mb"] = worker_memory(site)
        finally:
            stop(site)
    return results


def print_results(results: dict) -> None:
    hello = results["hello"]
    print_table(
        f"HTTP — Procfile gunicorn, {results['companies']:,} synthetic companies, "
        f"{results['load_generator']}, {CONNECTIONS} connections, "
        f"{results['seconds_per_route']} s per route; {results['rate_limit']}",
        ["route", "req/s", "p99 ms", "non-2xx", "bytes", "vs hello-world"],
        [
            [
                "hello-world `/`",
                f"{hello['requests_per_second']:.0f}",
                hello["p99_ms"],
                hello["errors"],
                13,
                "1.00",
            ],
            *[
                [
                    f"`{r['path']}`",
                    f"{r['requests_per_second']:.0f}",
                    r["p99_ms"],
                    r["errors"],
                    r["bytes"],
                    f"{r['ratio_to_hello']:.2f}",
                ]
                for r in results["routes"].values()
            ],
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
    parser.add_argument("--seconds", type=int, default=5)
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
