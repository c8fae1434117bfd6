"""deploy/: the real nginx, from the shipped template, in front of two real gunicorn nodes."""

from __future__ import annotations

import copy

import pytest
import requests

from search_index import build_index
from tests.server.conftest import write_register
from tests.support.servers import wait_for

pytestmark = pytest.mark.server


def cache_status(url: str) -> tuple[str, requests.Response]:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, (url, response.status_code)
    return response.headers.get("X-Cache-Status", ""), response


def test_nginx_spreads_uncached_requests_over_both_nodes(cluster):
    node_workers = {
        requests.get(f"{n}/healthz", timeout=10).json()["worker"] for n in cluster["nodes"]
    }
    assert len(node_workers) == 2
    seen: set[int] = set()

    def both_seen() -> bool:
        status, response = cache_status(f"{cluster['front']}/healthz")
        assert status == "MISS", "no-store answers are never served from the cache"
        seen.add(response.json()["worker"])
        return seen == node_workers

    wait_for(both_seen, "healthz answered by both nodes through nginx")


def test_badge_is_served_from_the_cache_and_honours_its_etag(cluster):
    url = f"{cluster['front']}/badge/maif.svg"
    first_status, first = cache_status(url)
    assert first_status in ("MISS", "HIT")
    second_status, second = cache_status(url)
    assert second_status == "HIT"
    assert second.content == first.content
    assert second.headers["Content-Type"].startswith("image/svg+xml")
    assert "stale-while-revalidate" in second.headers["Cache-Control"]
    revalidated = requests.get(url, headers={"If-None-Match": second.headers["ETag"]}, timeout=10)
    assert revalidated.status_code == 304
    assert revalidated.headers["X-Cache-Status"] == "HIT"


def test_a_register_update_reaches_readers_once_the_ttl_has_passed(cluster, bundled_register_raw):
    url = f"{cluster['front']}/entreprises/maif.json"
    wait_for(lambda: cache_status(url)[0] == "HIT", "the company record cached by nginx")
    before = cache_status(url)[1].json()
    assert before["reviewed_on"] != "2030-01-02"

    raw = copy.deepcopy(bundled_register_raw)
    next(c for c in raw["companies"] if c["slug"] == "maif")["reviewed_on"] = "2030-01-02"
    updated = write_register(raw, cluster["root"] / "register-updated.json")
    for index_dir in cluster["index_dirs"]:  # the new generation shipped to every node
        build_index(updated, index_dir)

    wait_for(
        lambda: cache_status(url)[1].json()["reviewed_on"] == "2030-01-02",
        "the update to come through the cache once the TTL has passed",
    )
    wait_for(lambda: cache_status(url)[0] == "HIT", "the new answer cached in turn")
    assert cache_status(url)[1].json()["reviewed_on"] == "2030-01-02"
