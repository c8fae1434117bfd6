"""The search budget in a real redis-server: one count for every process that shares it."""

from __future__ import annotations

import pytest

from bench.servers import free_port
from tests.support.redis_server import redis_server

pytestmark = pytest.mark.server

BUDGET = 4


def test_two_apps_sharing_redis_share_one_budget(make_app, tmp_path):
    with redis_server(tmp_path / "redis") as url:
        workers = [
            make_app(
                RATELIMIT_ENABLED=True,
                RATELIMIT_SEARCH=f"{BUDGET} per minute",
                RATELIMIT_STORAGE_URI=url,
            ).test_client()
            for _ in range(2)
        ]
        statuses = [
            workers[n % 2].get(f"/api/v1/search?q=edf{n}").status_code for n in range(BUDGET + 2)
        ]
    assert statuses == [200] * BUDGET + [429] * 2


def test_searches_go_on_when_the_shared_store_is_down(make_app):
    client = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_SEARCH="1 per minute",
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0",
    ).test_client()
    assert [client.get("/recherche?q=edf").status_code for _ in range(3)] == [200] * 3
