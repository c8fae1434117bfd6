"""A register import under load: real gunicorn workers switch generation with no failed request."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading

import pytest
import requests

from bench.loadcheck import LoadReport, run_load
from register.paths import PROJECT_ROOT
from tests.support.servers import procfile_server, wait_for

pytestmark = pytest.mark.server

WORKERS = 3
DEADLINE = 60.0
NEW_COMPANY = {
    "slug": "zephyr-exemple",
    "name": "Zéphyr Exemple",
    "legal_name": None,
    "aliases": [],
    "domains": ["zephyr-exemple.test"],
    "siren": None,
    "certificates": [],
    "scope": None,
    "reviewed_on": None,
    "note": "Fiche de test de l'import sous charge.",
    "history": [],
    "sources": [
        {
            "id": "fixture",
            "kind": "official",
            "title": "Registre de test",
            "url": "https://example.org/registre-de-test",
            "covers": ["name", "status"],
        }
    ],
}


def health(base_url: str) -> dict:
    response = requests.get(f"{base_url}/healthz", timeout=10)
    assert response.status_code == 200, (response.status_code, response.text[:500])
    return response.json()


def generations_by_worker(base_url: str, seen: dict[int, str]) -> dict[int, str]:
    """Record which generation each worker answered with last."""
    data = health(base_url)
    seen[data["worker"]] = data["generation"]
    return seen


def test_import_under_load_switches_every_worker_without_a_failed_request(
    tmp_path, bundled_register_raw
):
    registry = tmp_path / "registry" / "register.json"
    registry.parent.mkdir()
    registry.write_text(json.dumps(bundled_register_raw, ensure_ascii=False), encoding="utf-8")
    incoming = copy.deepcopy(bundled_register_raw)
    incoming["companies"].append(NEW_COMPANY)
    incoming_path = tmp_path / "incoming.json"
    incoming_path.write_text(json.dumps(incoming, ensure_ascii=False), encoding="utf-8")
    index_dir = tmp_path / "index"
    env = {
        "WEB_CONCURRENCY": str(WORKERS),
        "VERIF_REGISTRY_PATH": str(registry),
        "VERIF_GENERATION_CHECK_SECONDS": "0.2",
    }
    with procfile_server(index_dir, env) as base_url:
        seen: dict[int, str] = {}
        wait_for(lambda: len(generations_by_worker(base_url, seen)) == WORKERS, "every worker")
        old_generation = set(seen.values())
        assert len(old_generation) == 1

        report, stop = LoadReport(), threading.Event()
        load = threading.Thread(
            target=run_load,
            args=(base_url,),
            kwargs={"concurrency": 4, "max_requests": 1_000_000, "max_seconds": DEADLINE,
                    "stop": stop, "report": report},
        )  # fmt: skip
        load.start()
        try:
            wait_for(lambda: report.requests >= 50, "load to start")
            before_import = report.requests
            imported = subprocess.run(
                [sys.executable, "-m", "scripts.import_registry", str(incoming_path),
                 "--registry", str(registry), "--index-dir", str(index_dir)],
                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=DEADLINE,
            )  # fmt: skip
            assert imported.returncode == 0, imported.stderr
            new_generation = (index_dir / "CURRENT").read_text().strip()
            assert {new_generation} != old_generation
            during_import = report.requests - before_import
            wait_for(
                lambda: (
                    set(generations_by_worker(base_url, seen).values()) == {new_generation}
                    and len(seen) == WORKERS
                ),
                "every worker on the new generation",
            )
            switched_at = report.requests
            wait_for(lambda: report.requests >= switched_at + 50, "load after the switch")
        finally:
            stop.set()
            load.join()
        verdict = requests.get(
            f"{base_url}/api/v1/search", params={"q": "Zéphyr Exemple"}, timeout=10
        ).json()["verdict"]

    assert verdict["slug"] == "zephyr-exemple"
    assert during_import > 0, "requests were in flight while the import ran"
    assert report.errors == 0, report.failures[:5]
    assert set(report.statuses) == {200}
    print(
        "\nzero-downtime import:", json.dumps({**report.summary(), "during_import": during_import})
    )


def test_loadcheck_refuses_hosts_other_than_loopback():
    with pytest.raises(ValueError, match="only targets this machine"):
        run_load("http://192.0.2.10:8000", max_requests=1)
    for local in ("http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"):
        run_load(local, ("/",), concurrency=1, max_requests=1, max_seconds=5)


def test_loadcheck_command_reports_counts_and_percentiles(live_server):
    done = subprocess.run(
        [sys.executable, "-m", "bench.loadcheck", live_server, "--requests", "40",
         "--concurrency", "2", "--path", "/api/v1/search?q=maif", "--path", "/nulle-part"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=DEADLINE,
    )  # fmt: skip
    summary = json.loads(done.stdout)
    assert done.returncode == 1, "404s are failures"
    assert summary["requests"] == 40
    assert summary["statuses"] == {"200": 20, "404": 20}
    assert summary["errors"] == 20
    assert set(summary["latency_ms"]) == {"p50", "p90", "p99", "max"}
    assert summary["latency_ms"]["p50"] <= summary["latency_ms"]["max"]
