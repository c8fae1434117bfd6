"""Search benchmark: our Whoosh index against an SQLite FTS5 baseline, same data, same run.

For each register size N, a fresh child process builds the index through the public
`search_index` API (the code the site runs), reports build time, size on disk and the
resident memory of a process holding one generation, then times `search()` over the
query mix. The same process then loads the same companies into SQLite FTS5 (trigram
tokenizer, so prefixes and typos have an index to use) and runs the same queries with
the same match order. Child processes keep one size's memory out of the next's figures.

    python -m bench.search_speed --sizes 1000 10000 [--queries 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.fts5_baseline import Fts5Baseline
from bench.measures import (
    directory_size,
    percentiles,
    print_table,
    private_mb,
    rss_mb,
)
from bench.synth_registry import OUTPUT_DIR, QUERY_KINDS, write_synthetic
from register.paths import PROJECT_ROOT as ROOT


def synthetic_files(size: int, queries: int) -> tuple[Path, list[dict]]:
    register = OUTPUT_DIR / f"register-{size}.json"
    query_file = OUTPUT_DIR / f"queries-{size}.json"
    if not register.exists() or not query_file.exists() or _stale(query_file):
        write_synthetic(size, OUTPUT_DIR, queries)
    mix = json.loads(query_file.read_text(encoding="utf-8"))
    return register, (mix * (queries // len(mix) + 1))[:queries]


def _stale(query_file: Path) -> bool:
    """A mix written before a kind of query was added (files under var/ outlive code changes)."""
    kinds = {query["kind"] for query in json.loads(query_file.read_text(encoding="utf-8"))}
    return kinds != set(QUERY_KINDS)


def time_queries(search, mix: list[dict]) -> tuple[list[float], list[float], float]:
    """Latency of each query in ms, in mix order (after one warm-up pass), wall and CPU (on a
    shared machine the wall clock also counts the time other processes held the CPU), and the
    share of verdicts right."""
    for query in mix:
        search(query["text"])
    latencies, cpu, right, expected = [], [], 0, 0
    for query in mix:
        start, start_cpu = time.perf_counter(), time.thread_time()
        verdict = search(query["text"])
        cpu.append((time.thread_time() - start_cpu) * 1000)
        latencies.append((time.perf_counter() - start) * 1000)
        if query["expected"]:
            expected += 1
            right += verdict == query["expected"]
    return latencies, cpu, right / expected if expected else 1.0


def timed_build(register_path: Path, index_dir: str) -> dict[str, float]:
    """Build in a forked child, so the memory the build used is not counted as serving memory:
    wall and CPU seconds (CPU says what the build costs on a machine others share), and the
    child's peak RSS."""
    from search_index import build_index

    def build(result) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        build_index(register_path, index_dir)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result.put((time.perf_counter() - start, time.process_time() - cpu, peak))

    context = multiprocessing.get_context("fork")
    result = context.Queue()
    child = context.Process(target=build, args=(result,))
    child.start()
    seconds, cpu_seconds, peak_mb = result.get()
    child.join()
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_rss_mb": peak_mb}


def measure_one(size: int, queries: int) -> dict:
    """Everything for one size; runs in its own process."""
    from search_index import LiveIndex, current_generation

    register_path, mix = synthetic_files(size, queries)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        build = timed_build(register_path, tmp)
        generation_dir = Path(tmp) / current_generation(tmp)
        rss_before_open = rss_mb()
        generation = LiveIndex(tmp).current()
        ours_latencies, ours_cpu, ours_right = time_queries(
            lambda text: _slug(generation.index.search(text).verdict), mix
        )
        rss_holding, private_holding = rss_mb(), private_mb()
        index_mb = directory_size(generation_dir, exclude=("register.json",)) / 1e6

        baseline = Fts5Baseline(Path(tmp) / "fts5.sqlite")
        start = time.perf_counter()
        baseline.load(generation.register)
        fts_build_seconds = time.perf_counter() - start
        fts_latencies, fts_cpu, fts_right = time_queries(baseline.verdict_slug, mix)
        fts_mb = directory_size(Path(tmp), include=("fts5.sqlite",)) / 1e6
    ours, fts = percentiles(ours_latencies), percentiles(fts_latencies)
    whole = [i for i, query in enumerate(mix) if query["kind"] == "exact"]
    phrase = [i for i, query in enumerate(mix) if query["kind"] == "phrase"]
    return {
        "companies": size,
        "queries": len(mix),
        "build_seconds": round(build["seconds"], 2),
        "build_cpu_seconds": round(build["cpu_seconds"], 2),
        "build_peak_rss_mb": round(build["peak_rss_mb"]),
        "index_mb": round(index_mb, 1),
        "rss_mb_process": round(rss_holding, 1),
        "private_mb_process": round(private_holding, 1),
        "rss_mb_before_open": round(rss_before_open, 1),
        "ours_ms": ours,
        "ours_cpu_ms": percentiles(ours_cpu),
        "fts5_cpu_ms": percentiles(fts_cpu),
        "ours_verdicts_right": round(ours_right, 3),
        "fts5_build_seconds": round(fts_build_seconds, 2),
        "fts5_mb": round(fts_mb, 1),
        "fts5_ms": fts,
        "fts5_verdicts_right": round(fts_right, 3),
        "ratio_p50": round(ours["p50"] / fts["p50"], 2),
        "ratio_p95": round(ours["p95"] / fts["p95"], 2),
        "whole_name_queries": len(whole),
        "phrase_queries": len(phrase),
        "ours_whole_name_ms": percentiles([ours_latencies[i] for i in whole]),
        "ours_phrase_ms": percentiles([ours_latencies[i] for i in phrase]),
        "fts5_whole_name_ms": percentiles([fts_latencies[i] for i in whole]),
        "fts5_phrase_ms": percentiles([fts_latencies[i] for i in phrase]),
    }


def _slug(result) -> str | None:
    return result.slug if result else None


def run(sizes: list[int], queries: int) -> list[dict]:
    rows = []
    for size in sizes:
        child = subprocess.run(
            [sys.executable, "-m", "bench.search_speed", "--one", str(size)]
            + ["--queries", str(queries)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rows.append(json.loads(child.stdout))
    return rows


def print_rows(rows: list[dict]) -> None:
    print_table(
        "search() — ours (Whoosh) vs SQLite FTS5 trigram, same data and queries",
        [
            "N",
            "build s (CPU s, peak MB)",
            "index MB",
            "RSS / private MB",
            "ours p50/p95/p99 ms (CPU p95)",
            "FTS5 p50/p95/p99 ms (CPU p95)",
            "p95 ours/FTS5",
            "FTS5 build s",
            "verdicts ok ours/FTS5",
        ],
        [
            [
                f"{r['companies']:,}",
                f"{r['build_seconds']} ({r['build_cpu_seconds']}, {r['build_peak_rss_mb']})",
                r["index_mb"],
                f"{r['rss_mb_process']:.0f} / {r['private_mb_process']:.0f}",
                "/".join(f"{r['ours_ms'][p]:.2f}" for p in ("p50", "p95", "p99"))
                + f" ({r['ours_cpu_ms']['p95']:.2f})",
                "/".join(f"{r['fts5_ms'][p]:.2f}" for p in ("p50", "p95", "p99"))
                + f" ({r['fts5_cpu_ms']['p95']:.2f})",
                f"{r['ratio_p95']}×",
                r["fts5_build_seconds"],
                f"{r['ours_verdicts_right']:.0%}/{r['fts5_verdicts_right']:.0%}",
            ]
            for r in rows
        ],
    )
    print_table(
        "Whole names against brands inside phrases (same run, same queries for both engines)",
        [
            "N",
            "whole-name / phrase queries",
            "ours whole name p50/p95 ms",
            "ours phrase p50/p95 ms",
            "FTS5 whole name p50/p95 ms",
            "FTS5 phrase p50/p95 ms",
        ],
        [
            [
                f"{r['companies']:,}",
                f"{r['whole_name_queries']} / {r['phrase_queries']}",
                *(
                    "/".join(f"{r[column][p]:.2f}" for p in ("p50", "p95"))
                    for column in (
                        "ours_whole_name_ms",
                        "ours_phrase_ms",
                        "fts5_whole_name_ms",
                        "fts5_phrase_ms",
                    )
                ),
            ]
            for r in rows
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one, args.queries)))
        return 0
    rows = run(args.sizes, args.queries)
    if args.json:
        print(json.dumps({"search": rows}, indent=2))
    else:
        print_rows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
