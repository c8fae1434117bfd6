"""The issue's target table, filled from one `make bench` run: each figure beside its target,
its same-run baseline (hello-world on the same gunicorn command, SQLite FTS5), and whether it
is met. A figure this run did not measure says how to get it, rather than showing a stale one.
"""

from __future__ import annotations

from bench.measures import print_table

Row = list[str]


def _ratio_row(http: dict, label: str, target: float) -> Row:
    route = http["routes"].get(label)
    if route is None:
        return [f"{label} vs hello-world", f"≥ {target:.2f}×", "not run", "", ""]
    ratio = route["ratio_to_hello"]
    return [
        f"{label} (`{route['path']}`) vs hello-world",
        f"≥ {target:.2f}×",
        f"{ratio:.2f}× ({route['requests_per_second']:.0f} req/s)",
        f"hello-world {route['hello_requests_per_second']:.0f} req/s",
        _met(ratio >= target),
    ]


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _search_row(search: list[dict], size: int, target_ms: float) -> Row:
    row = next((r for r in search if r["companies"] == size), None)
    figure = f"search() p95 at {size:,} companies (whole names, typos, prefixes, phrases …)"
    if row is None:
        return [figure, f"≤ {target_ms:g} ms", f"not run (`--sizes … {size}`)", "", ""]
    cpu, wall = row["ours_cpu_ms"]["p95"], row["ours_ms"]["p95"]
    return [
        figure,
        f"≤ {target_ms:g} ms",
        f"{cpu:.2f} ms of CPU (wall {wall:.2f}, p50 {row['ours_ms']['p50']:.2f})",
        f"FTS5 p95 {row['fts5_cpu_ms']['p95']:.2f} ms of CPU (wall {row['fts5_ms']['p95']:.2f})",
        _met(cpu <= target_ms),
    ]


def _build_row(search: list[dict]) -> Row:
    row = next((r for r in search if r["companies"] == 100_000), None)
    figure = "index build at 100,000 companies"
    if row is None:
        return [figure, "≤ 60 s, peak RSS ≤ 1 GB", "not run (`--sizes … 100000`)", "", ""]
    seconds, peak = row["build_seconds"], row["build_peak_rss_mb"]
    return [
        figure,
        "≤ 60 s, peak RSS ≤ 1 GB",
        f"{seconds:.0f} s wall, {row['build_cpu_seconds']:.0f} s CPU, peak {peak} MB",
        f"FTS5 load {row['fts5_build_seconds']:.0f} s",
        _met(seconds <= 60 and peak <= 1024),
    ]


def rows(search: list[dict], http: dict, certificates: dict | None = None) -> list[Row]:
    table = [_ratio_row(http, "badge", 0.80)]
    for label in ("search API", "search API, phrase", "company page", "home", "/recherche"):
        table.append(_ratio_row(http, label, 0.50))
    hello = http["hello"]["requests_per_second"]
    for label, figures in http.get("mixed", {}).items():
        table.append(
            [
                f"{label}, mixed traffic ({figures['paths']:,} paths cycled)",
                "reported",
                f"{figures['requests_per_second'] / hello:.2f}× "
                f"({figures['requests_per_second']:.0f} req/s)",
                f"mean hello-world {hello:.0f} req/s",
                "",
            ]
        )
    row_10k = next((r for r in search if r["companies"] == 10_000), None)
    if row_10k is not None:
        p50 = row_10k["ours_cpu_ms"]["p50"]
        figure = "uncached search() in process, 10k companies (p50, CPU)"
        table.append([figure, "≤ 1 ms", f"{p50:.2f} ms", "", _met(p50 <= 1)])
    for path, figures in http.get("exports", {}).items():
        table.append(
            [
                f"`{path}` at {http['companies']:,} companies, p95",
                "≤ 50 ms",
                f"{figures['p95_ms']:.0f} ms ({figures['requests']} requests; "
                f"slowest {figures['slowest_ms']:.0f} ms, a worker's first)",
                "",
                _met(figures["p95_ms"] <= 50),
            ]
        )
    table += [_search_row(search, 10_000, 5), _search_row(search, 100_000, 15), _build_row(search)]
    table += _certificates_rows(certificates)
    table.append(_ratio_row(http, "report POST", 0.25))
    workers = http["site_worker_memory_mb"]
    worst = max(worker["rss"] for worker in workers)
    table.append(
        [
            f"a worker's RSS at {http['companies']:,} companies (after the runs)",
            "< 150 MB",
            f"{worst:.0f} MB (private {max(w['private'] for w in workers):.0f})",
            f"hello-world {max(w['rss'] for w in http['hello']['worker_memory_mb']):.0f} MB",
            _met(worst < 150),
        ]
    )
    return table


def _certificates_rows(certificates: dict | None) -> list[Row]:
    """The batch of 500 and the single record, each against its target (issue 21)."""
    rows = []
    for name, figure, target in (
        ("batch", "certificate batch of 500 at 10k companies, end to end", 5.0),
        ("one", "one certificate record at 10k companies, end to end", 1.0),
    ):
        call = (certificates or {}).get(name)
        if call is None:
            rows.append([figure, f"≤ {target:g} s", "not run", "", ""])
            continue
        build = certificates.get("build_seconds")
        baseline = f"full index build {build:.2f} s" if build else ""
        seconds = call["seconds"]
        rows.append(
            [figure, f"≤ {target:g} s", f"{seconds:.2f} s", baseline, _met(seconds <= target)]
        )
    return rows


def print_targets(search: list[dict], http: dict, certificates: dict | None = None) -> None:
    print_table(
        "Targets (issue 25), this run",
        ["figure", "target", "measured", "baseline, same run", ""],
        rows(search, http, certificates),
    )
