"""Server tier: real gunicorn, nginx and other servers on free ports."""

from __future__ import annotations

import json
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest

from bench.servers import free_port
from tests.support.nginx_front import nginx_front
from tests.support.postgres import create_database, postgres_server
from tests.support.redis_server import redis_server
from tests.support.servers import procfile_server

# Long enough that a response cached by one request is still fresh for the next one even on a
# loaded machine; the register-update test waits for it to pass.
TTL_SECONDS = 5
# Search budget per reader address in the cluster, counted in one Redis for both nodes.
CLUSTER_BUDGET = 30
# Reports per reader address and day in the cluster, counted in the same Redis.
CLUSTER_REPORT_BUDGET = 3


def write_register(raw: dict, path: Path) -> Path:
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def postgres_socket():
    """One real PostgreSQL server for the whole run, started only if a test asks for it."""
    with postgres_server() as socket_dir:
        yield socket_dir


@pytest.fixture
def postgres_database_url(postgres_socket) -> str:
    """A fresh, empty database on that server."""
    return create_database(postgres_socket, f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, bundled_register_raw, postgres_socket):
    """deploy/ as shipped: nginx in front of two nodes, each with its own register file and
    index (as shipped artifacts), sharing one real redis-server for the search, report and
    certifier budgets and one real PostgreSQL database for the reports, the certifier
    accounts and the register versions every node follows.

    The nodes know their public address (BASE_URL, nginx's) and trust nginx's address only.
    """
    root = tmp_path_factory.mktemp("cluster")
    registers = [write_register(bundled_register_raw, root / f"register-{n}.json") for n in "ab"]
    port = free_port()
    front = f"http://127.0.0.1:{port}"
    index_dirs = [root / "node-a", root / "node-b"]
    with ExitStack() as stack:
        limits_store = stack.enter_context(redis_server(root / "redis"))
        database_url = create_database(postgres_socket, "cluster_reports")
        env = {
            "VERIF_REGISTRY_PATH": str(registers[0]),
            "VERIF_CACHE_MAX_AGE": str(TTL_SECONDS),
            "VERIF_GENERATION_CHECK_SECONDS": "0.2",
            "VERIF_REGISTER_SYNC_SECONDS": "0.5",
            "VERIF_BASE_URL": front,
            "VERIF_TRUSTED_PROXIES": "127.0.0.1",
            "VERIF_RATELIMIT_ENABLED": "true",
            "VERIF_RATELIMIT_SEARCH": f"{CLUSTER_BUDGET} per minute",
            "VERIF_RATELIMIT_STORAGE_URI": limits_store,
            "VERIF_DATABASE_URL": database_url,
            "VERIF_SECRET_KEY": "one key for every node of the cluster",
            "VERIF_REPORTS_MIN_SECONDS": "0",
            "VERIF_RATELIMIT_REPORTS_CLIENT": f"{CLUSTER_REPORT_BUDGET} per day",
            "WEB_CONCURRENCY": "1",
        }
        nodes = [
            stack.enter_context(procfile_server(d, {**env, "VERIF_REGISTRY_PATH": str(r)}))
            for d, r in zip(index_dirs, registers, strict=True)
        ]
        stack.enter_context(
            nginx_front([n.removeprefix("http://") for n in nodes], root / "nginx", port=port)
        )
        yield {
            "front": front,
            "nodes": nodes,
            "index_dirs": index_dirs,
            "registers": registers,
            "root": root,
            "redis": limits_store,
            "database_url": database_url,
            "env": env,
        }
