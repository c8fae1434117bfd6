"""deploy/: the real nginx, from the shipped template, in front of two real gunicorn nodes."""

from __future__ import annotations

import copy
import json
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests

from search_index import build_index
from tests.support.nginx_front import nginx_front
from tests.support.servers import procfile_server, wait_for

pytestmark = pytest.mark.server

TTL_SECONDS = 2


def write_register(raw: dict, path: Path) -> Path:
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, bundled_register_raw):
    """Two nodes, each with its own copy of the index (as shipped artifacts), behind nginx."""
    root = tmp_path_factory.mktemp("cluster")
    register = write_register(bundled_register_raw, root / "register.json")
    env = {
        "VERIF_REGISTRY_PATH": str(register),
        "VERIF_CACHE_MAX_AGE": str(TTL_SECONDS),
        "VERIF_GENERATION_CHECK_SECONDS": "0.2",
        "VERIF_TRUSTED_PROXIES": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
    }
    index_dirs = [root / "node-a", root / "node-b"]
    with ExitStack() as stack:
        nodes = [stack.enter_context(procfile_server(d, env)) for d in index_dirs]
        front = stack.enter_context(
            nginx_front([n.removeprefix("http://") for n in nodes], root / "nginx")
        )
        yield {"front": front, "nodes": nodes, "index_dirs": index_dirs, "root": root}


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
    assert before["last_checked"] != "2030-01-02"

    raw = copy.deepcopy(bundled_register_raw)
    next(c for c in raw["companies"] if c["slug"] == "maif")["last_checked"] = "2030-01-02"
    updated = write_register(raw, cluster["root"] / "register-updated.json")
    for index_dir in cluster["index_dirs"]:  # the new generation shipped to every node
        build_index(updated, index_dir)

    wait_for(
        lambda: cache_status(url)[1].json()["last_checked"] == "2030-01-02",
        "the update to come through the cache once the TTL has passed",
    )
    wait_for(lambda: cache_status(url)[0] == "HIT", "the new answer cached in turn")
    assert cache_status(url)[1].json()["last_checked"] == "2030-01-02"
