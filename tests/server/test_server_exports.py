"""Exports through the real gunicorn: every worker gives the same validators, so 304s hold."""

from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.server


MAX_CONNECTIONS = 40


def sessions_on_two_workers(base_url: str) -> dict[int, requests.Session]:
    """One kept-alive connection per worker: a session's connection stays with the worker
    that accepted it, and /healthz says which one that is."""
    pinned: dict[int, requests.Session] = {}
    for _ in range(MAX_CONNECTIONS):
        session = requests.Session()
        worker = session.get(f"{base_url}/healthz", timeout=5).json()["worker"]
        if worker in pinned:
            session.close()
        else:
            pinned[worker] = session
        if len(pinned) == 2:
            return pinned
    raise AssertionError(f"{MAX_CONNECTIONS} connections all reached the same worker")


@pytest.mark.parametrize("path", ["/registre.csv", "/flux.atom"])
def test_validators_agree_across_workers_and_answer_304(live_server, path):
    pinned = sessions_on_two_workers(live_server)
    seen = {}
    for worker, session in pinned.items():
        response = session.get(live_server + path, timeout=5)
        assert session.get(f"{live_server}/healthz", timeout=5).json()["worker"] == worker
        seen[worker] = (response.headers["ETag"], response.headers["Last-Modified"])
        session.close()
    assert len(seen) == 2, "two different workers answered"
    assert len(set(seen.values())) == 1, seen
    etag, modified = next(iter(seen.values()))
    url = live_server + path
    assert requests.get(url, headers={"If-None-Match": etag}, timeout=5).status_code == 304
    assert requests.get(url, headers={"If-Modified-Since": modified}, timeout=5).status_code == 304


def test_siren_permalink_redirects_through_the_server(live_server):
    response = requests.get(
        live_server + "/entreprises/552%20081%20317", allow_redirects=False, timeout=5
    )
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/entreprises/edf")
