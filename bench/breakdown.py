"""Where a request's time goes, in process: the site's app on a synthetic register, each route
called through Flask's test client under cProfile, its CPU split into the parts a change aims at.

Every function's own time goes to the part its module belongs to (dispatch, hooks, limiter,
locale, live-index check, validators/ETag, findings, search, serialisation, templates); a
built-in (a dict method, hashlib, the json encoder) is charged to the parts of its callers, in
proportion, so `sha1` lands in "validators" when the ETag code called it. The total is µs
of CPU per request measured without the profiler (the test client's own share taken out); the
parts split it in the proportions the profile found, which the profiler's per-call overhead
tilts towards code making many small calls: compare them within one run.

    python -m bench.breakdown [--companies 10000] [--requests 200] [--json]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.measures import print_table
from bench.synth_registry import OUTPUT_DIR, write_synthetic

# (part, substrings of a profiled function's file or name), first match wins.
PARTS = (
    ("test client", ("werkzeug/test.py", "flask/testing.py")),
    ("validators/ETag", ("werkzeug/http.py", "etag", "make_conditional", "sha1", "freshness")),
    ("limiter", ("flask_limiter", "/limits/", "webapp/limits.py")),
    ("locale", ("flask_babel", "/babel/", "webapp/i18n.py", "gettext")),
    ("live-index check", ("search_index/live.py", "webapp/served.py")),
    ("findings", ("register/", "webapp/wording")),
    ("search", ("search_index/", "/whoosh/", "rapidfuzz")),
    ("serialisation", ("json", "webapp/json_bodies.py")),
    ("templates", ("jinja2", "templates/", "markupsafe", "webapp/templating.py")),
    ("hooks", ("webapp/response_policy.py", "webapp/proxies.py", "webapp/__init__", "htmx")),
    ("dispatch", ("flask/", "werkzeug/", "wsgi")),
)
PART_NAMES = [name for name, _ in PARTS[1:]] + ["route and other"]


def part_of(function: tuple[str, int, str]) -> str | None:
    """The part a profiled function belongs to; None for a built-in or a standard-library
    helper (urllib, threading …), charged to its callers."""
    filename, _, name = function
    where = f"{filename}:{name}"
    for part, needles in PARTS:
        if any(needle in where for needle in needles):
            return part
    standard_library = f"/python{sys.version_info.major}.{sys.version_info.minor}/" in filename
    if filename == "~" or (standard_library and "site-packages" not in filename):
        return None
    return "route and other"


def split(stats: pstats.Stats) -> dict[str, float]:
    """Own time per part, in seconds; built-ins split between their callers' parts."""
    raw = stats.stats  # type: ignore[attr-defined]
    parts: dict[str, float] = defaultdict(float)
    for function, (_, _, own, _, callers) in raw.items():
        part = part_of(function)
        if part is not None:
            parts[part] += own
            continue
        charged = {caller: timing[2] for caller, timing in callers.items()}
        total = sum(charged.values()) or 1.0
        for caller, share in charged.items():
            parts[part_of(caller) or "route and other"] += own * share / total
    return parts


def routes(register) -> dict[str, str]:
    """The routes the issue names, on this register's first company."""
    company = register.companies[0]
    words = company.name.replace(" ", "+")
    return {
        "health check": "/healthz",
        "badge": f"/badge/{company.slug}.svg",
        "search API, one name": f"/api/v1/search?q={words}",
        "search API, a phrase": f"/api/v1/search?q=service+client+{words}",
        "company page": f"/entreprises/{company.slug}",
        "home": "/",
        "/recherche": f"/recherche?q={words}",
    }


def measure(app, path: str, requests: int) -> dict:
    """CPU per request without the profiler, split in the proportions the profile found."""
    client = app.test_client()
    for _ in range(3):
        client.get(path)
    started = time.process_time()
    for _ in range(requests):
        client.get(path)
    plain = time.process_time() - started
    profile = cProfile.Profile(time.process_time)  # CPU, not wall: the machine is shared
    profile.enable()
    for _ in range(requests):
        status = client.get(path).status_code
    profile.disable()
    parts = split(pstats.Stats(profile))
    client = parts.pop("test client", 0.0)  # building the request, reading the answer
    served = plain * (1 - client / ((client + sum(parts.values())) or 1.0)) / requests
    scale = served / (sum(parts.values()) or 1.0)
    return {
        "path": path,
        "status": status,
        "cpu_us": round(served * 1e6),
        "parts_us": {part: round(parts.get(part, 0.0) * scale * 1e6) for part in PART_NAMES},
    }


def run(companies: int, requests: int) -> dict:
    from register import load_register
    from search_index import build_index
    from webapp import create_app

    register_path = OUTPUT_DIR / f"register-{companies}.json"
    if not register_path.exists():
        write_synthetic(companies, OUTPUT_DIR)
    register = load_register(register_path)
    with tempfile.TemporaryDirectory(prefix="bench-breakdown-") as tmp:
        build_index(register_path, tmp)
        app = create_app(
            {
                "INDEX_DIR": tmp,
                "REGISTRY_PATH": str(register_path),
                "RATELIMIT_SEARCH": "1000000 per second",
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'reports.sqlite3'}",
                "SECRET_KEY": "benchmark",
            }
        )
        measured = {label: measure(app, path, requests) for label, path in routes(register).items()}
    return {"companies": companies, "requests": requests, "routes": measured}


def print_breakdown(results: dict) -> None:
    print_table(
        f"Per request, in process ({results['companies']:,} companies, "
        f"{results['requests']} requests each, µs of CPU under cProfile)",
        ["route", "total", *PART_NAMES],
        [
            [f"{label} `{r['path']}`", r["cpu_us"], *(r["parts_us"][p] for p in PART_NAMES)]
            for label, r in results["routes"].items()
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = run(args.companies, args.requests)
    if args.json:
        print(json.dumps({"breakdown": results}, indent=2))
    else:
        print_breakdown(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
