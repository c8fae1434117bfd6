"""Server tier: real gunicorn, nginx and other servers on free ports."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.nginx_front import nginx_front
from tests.support.redis_server import redis_server
from tests.support.servers import free_port, procfile_server

TTL_SECONDS = 2
# Search budget per reader address in the cluster, counted in one Redis for both nodes.
CLUSTER_BUDGET = 30


def write_register(raw: dict, path: Path) -> Path:
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, bundled_register_raw):
    """deploy/ as shipped: nginx in front of two nodes, each with its own copy of the index
    (as shipped artifacts), sharing one real redis-server for the search budget.

    The nodes know their public address (BASE_URL, nginx's) and trust nginx's address only.
    """
    root = tmp_path_factory.mktemp("cluster")
    register = write_register(bundled_register_raw, root / "register.json")
    port = free_port()
    front = f"http://127.0.0.1:{port}"
    index_dirs = [root / "node-a", root / "node-b"]
    with ExitStack() as stack:
        limits_store = stack.enter_context(redis_server(root / "redis"))
        env = {
            "VERIF_REGISTRY_PATH": str(register),
            "VERIF_CACHE_MAX_AGE": str(TTL_SECONDS),
            "VERIF_GENERATION_CHECK_SECONDS": "0.2",
            "VERIF_BASE_URL": front,
            "VERIF_TRUSTED_PROXIES": "127.0.0.1",
            "VERIF_RATELIMIT_ENABLED": "true",
            "VERIF_RATELIMIT_SEARCH": f"{CLUSTER_BUDGET} per minute",
            "VERIF_RATELIMIT_STORAGE_URI": limits_store,
            "WEB_CONCURRENCY": "1",
        }
        nodes = [stack.enter_context(procfile_server(d, env)) for d in index_dirs]
        stack.enter_context(
            nginx_front([n.removeprefix("http://") for n in nodes], root / "nginx", port=port)
        )
        yield {
            "front": front,
            "nodes": nodes,
            "index_dirs": index_dirs,
            "root": root,
            "redis": limits_store,
        }
