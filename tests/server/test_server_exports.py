"""Exports through the real gunicorn: every worker gives the same validators, so 304s hold."""

from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.server


@pytest.mark.parametrize("path", ["/registre.csv", "/flux.atom"])
def test_validators_agree_across_workers_and_answer_304(live_server, path):
    url = live_server + path
    # Fresh connections so the requests spread over gunicorn's workers.
    seen = {
        (r.headers["ETag"], r.headers["Last-Modified"])
        for r in (requests.get(url, timeout=5) for _ in range(6))
    }
    assert len(seen) == 1
    etag, modified = seen.pop()
    assert requests.get(url, headers={"If-None-Match": etag}, timeout=5).status_code == 304
    assert requests.get(url, headers={"If-Modified-Since": modified}, timeout=5).status_code == 304


def test_siren_permalink_redirects_through_the_server(live_server):
    response = requests.get(
        live_server + "/entreprises/552%20081%20317", allow_redirects=False, timeout=5
    )
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/entreprises/edf")
