"""The HTTP policy through the Procfile's real gunicorn: proxies, HTTPS and the search budget."""

from __future__ import annotations

import json

import pytest
import requests

from bench.loadcheck import run_load
from tests.support.servers import procfile_server

pytestmark = pytest.mark.server

FORWARDED_HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def test_forwarded_headers_are_ignored_by_default(live_server):
    response = requests.get(
        f"{live_server}/api/v1/search", params={"q": "edf"}, headers=FORWARDED_HTTPS, timeout=10
    )
    assert "Strict-Transport-Security" not in response.headers
    assert response.json()["verdict"]["url"].startswith("http://127.0.0.1:")


def test_behind_a_trusted_proxy_gunicorn_limits_each_client_and_sends_hsts(tmp_path):
    env = {
        "WEB_CONCURRENCY": "1",
        "VERIF_RATELIMIT_ENABLED": "true",
        "VERIF_RATELIMIT_SEARCH": "5 per minute",
        "VERIF_TRUSTED_PROXIES": "127.0.0.1",
    }
    with procfile_server(tmp_path / "index", env) as base_url:
        report = run_load(
            base_url, ("/api/v1/search?q=edf",), concurrency=2, max_requests=20, max_seconds=30
        )
        refused = requests.get(f"{base_url}/recherche?q=edf", timeout=10)
        other_client = requests.get(
            f"{base_url}/recherche?q=edf", headers=FORWARDED_HTTPS, timeout=10
        )
        health = {requests.get(f"{base_url}/healthz", timeout=10).status_code for _ in range(10)}

    assert dict(report.statuses) == {200: 5, 429: 15}
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "Trop de requêtes" in refused.text
    assert other_client.status_code == 200, "a forwarded client has its own budget"
    assert other_client.headers["Strict-Transport-Security"].startswith("max-age=")
    assert health == {200}
    print("\nrate limit 5/min through gunicorn:", json.dumps(report.summary()["statuses"]))
