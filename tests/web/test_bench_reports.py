"""What `make bench` reports: the request breakdown on the real app, and the target table."""

from __future__ import annotations

from bench import breakdown, targets


def _http(ratio_badge: float, worker_rss: float) -> dict:
    route = {"path": "/badge/x.svg", "requests_per_second": 800 * ratio_badge}
    return {
        "companies": 10000,
        "hello": {"requests_per_second": 800, "worker_memory_mb": [{"rss": 30, "private": 17}]},
        "routes": {
            "badge": {**route, "hello_requests_per_second": 800, "ratio_to_hello": ratio_badge}
        },
        "exports": {
            "/flux.atom": {"p95_ms": 12.0, "slowest_ms": 900.0, "requests": 20, "bytes": 1}
        },
        "site_worker_memory_mb": [{"rss": worker_rss, "private": worker_rss - 20}],
    }


def _verdicts(table: list[list[str]]) -> dict[str, str]:
    return {row[0].split(" (")[0]: row[4] for row in table}


def test_the_target_table_says_met_or_missed_against_each_target():
    good = _verdicts(targets.rows([], _http(ratio_badge=0.85, worker_rss=120)))
    bad = _verdicts(targets.rows([], _http(ratio_badge=0.79, worker_rss=150)))
    assert good["badge"] == "met" and bad["badge"] == "**missed**"
    assert good["a worker's RSS at 10,000 companies"] == "met"
    assert bad["a worker's RSS at 10,000 companies"] == "**missed**"
    assert good["`/flux.atom` at 10,000 companies, p95"] == "met"


def test_a_figure_the_run_did_not_measure_says_how_to_get_it():
    table = targets.rows([], _http(ratio_badge=0.9, worker_rss=100))
    build = next(row for row in table if row[0].startswith("index build"))
    assert build[2] == "not run (`--sizes … 100000`)" and build[4] == ""


def test_the_breakdown_charges_each_part_of_a_request(make_app):
    app = make_app()
    figures = breakdown.measure(app, "/api/v1/search?q=maif", requests=5)
    parts = figures["parts_us"]
    assert figures["status"] == 200
    assert parts["search"] == 0, "the second ask of a query comes from the memo"
    assert parts["dispatch"] > 0 and parts["hooks"] > 0
    assert abs(sum(parts.values()) - figures["cpu_us"]) <= len(parts), "parts add up (rounding)"
    rendered = breakdown.measure(make_app(), "/label", requests=5)["parts_us"]
    assert rendered["templates"] > 0 and rendered["locale"] > 0


def test_the_certificate_rows_read_the_certifier_benchmark():
    certificates = {
        "build_seconds": 3.0,
        "batch": {"records": 500, "seconds": 6.5, "status": 200},
        "one": {"records": 1, "seconds": 0.4, "status": 200},
    }
    table = targets.rows([], _http(ratio_badge=0.9, worker_rss=100), certificates)
    batch = next(row for row in table if row[0].startswith("certificate batch"))
    assert batch[2] == "6.50 s" and batch[4] == "**missed**"
    one = next(row for row in table if row[0].startswith("one certificate record"))
    assert one[2:] == ["0.40 s", "full index build 3.00 s", "met"]
