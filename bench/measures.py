"""What the benchmarks measure with: percentiles, memory, sizes, the machine, tables."""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable
from pathlib import Path


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50/p95/p99 in ms, rounded to 10 µs: finer digits would be noise on a shared machine."""
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {"p50": round(cuts[49], 3), "p95": round(cuts[94], 3), "p99": round(cuts[98], 3)}


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory now (VmRSS), not the peak: what a serving process keeps."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for process {pid}")


def private_mb(pid: int | str = "self") -> float:
    """Memory only this process holds: RSS minus pages shared with other workers or the
    page cache (the index files are memory-mapped, so every worker maps the same pages)."""
    total = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(("Private_Clean:", "Private_Dirty:")):
            total += int(line.split()[1])
    return total / 1024


def directory_size(
    directory: Path, include: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> int:
    include, exclude = set(include or ()), set(exclude)
    return sum(
        path.stat().st_size
        for path in directory.rglob("*")
        if path.is_file() and path.name not in exclude and (not include or path.name in include)
    )


def machine_description() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{model}, {os.cpu_count()} CPUs visible, load average {os.getloadavg()[0]:.1f}"


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    """A Markdown table, so the output pastes straight into docs/benchmarks.md."""
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
