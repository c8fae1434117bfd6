"""`make bench`: the search, HTTP and certifier-API benchmarks at a quick size, one table each,
where a request's time goes, and the issue's target table last.

    python -m bench [--sizes 1000 10000 100000] [--http-companies 10000] [--seconds 2]
                    [--mixed-seconds 30] [--breakdown-requests 100]
                    [--certificate-companies 10000] [--json]

Figures from a shared or busy machine move from run to run; the ratios to the baselines
(FTS5, hello-world), measured in the same run, are what to compare.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

from bench import breakdown, certificates_speed, http_speed, reports_load, search_speed, targets
from bench.measures import machine_description


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--http-companies", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=2)
    parser.add_argument("--mixed-seconds", type=float, default=30, help="reads + report posts")
    parser.add_argument("--breakdown-requests", type=int, default=100, help="per route, profiled")
    parser.add_argument("--certificate-companies", type=int, default=10000)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    started = time.monotonic()
    machine = f"{machine_description()}; Python {platform.python_version()}"
    search = search_speed.run(args.sizes, args.queries)
    http = http_speed.run(args.http_companies, args.seconds)
    mixed = reports_load.run_mixed(args.mixed_seconds)
    parts = breakdown.run(args.http_companies, args.breakdown_requests)
    certificates = certificates_speed.run(args.certificate_companies)
    if args.json:
        figures = {"search": search, "http": http, "mixed": mixed, "breakdown": parts,
                   "certificates": certificates}  # fmt: skip
        print(json.dumps({"machine": machine, **figures}))
        return 0
    print(f"Machine: {machine}")
    search_speed.print_rows(search)
    http_speed.print_results(http)
    reports_load.print_mixed(mixed)
    breakdown.print_breakdown(parts)
    certificates_speed.print_results(certificates)
    targets.print_targets(search, http, certificates)
    print(f"\n(total {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
