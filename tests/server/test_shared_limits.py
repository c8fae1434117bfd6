"""The search budget in a real redis-server: one count for every process that shares it."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bench.servers import free_port
from reports.store import list_reports
from tests.support.redis_server import redis_server
from tests.support.servers import wait_for
from webapp.report_form import guard
from webapp.report_form.budgets import STORE_TIMEOUT

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


@contextmanager
def blackhole() -> Iterator[int]:
    """A port that accepts connections and never answers: a Redis that is blocked or stalled."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in [*accepted, listener]:
            connection.close()


def answered_while_held(request) -> int:
    """The status of `request()`, which must come back while the store still holds it."""
    answers: list[int] = []
    worker = threading.Thread(target=lambda: answers.append(request().status_code), daemon=True)
    worker.start()
    return wait_for(lambda: answers, "an answer while the store never replies")[0]


@pytest.mark.parametrize("state", ["blocked", "down"])
def test_a_stuck_store_fails_searches_open_and_reports_closed_at_once(make_app, tmp_path, state):
    with blackhole() as port:
        if state == "down":
            port = free_port()
        app = make_app(
            RATELIMIT_ENABLED=True,
            RATELIMIT_SEARCH="1 per minute",
            RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0",
            SECRET_KEY="s",
            REPORTS_MIN_SECONDS=0,
            DATABASE_URL=f"sqlite:///{tmp_path / 'reports.sqlite3'}",
        )
        client = app.test_client()
        searches = [answered_while_held(lambda: client.get("/recherche?q=edf")) for _ in range(3)]
        with app.test_request_context():
            token = guard.issue_token(time.time())
        report = {"kind": "withdrawn", "company": "maif", "jeton": token,
                  "details": "Le certificateur annonce le retrait.",
                  "evidence_url": "https://example.org/retrait"}  # fmt: skip
        sent = answered_while_held(lambda: client.post("/signaler", data=report))
    assert searches == [200] * 3, "searches fail open"
    assert sent == 503, "reports fail closed, the reader told to come back"
    assert not list_reports(app.extensions["reports_db"])


def test_every_redis_client_gives_up_well_within_a_tenth_of_a_second(make_app):
    assert STORE_TIMEOUT <= 0.05, "the audit asks for an answer within 100 ms, work included"
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")
    clients = [
        app.extensions["rate_limiter"].storage.storage,
        app.extensions["report_store"]._client,
    ]
    for client in clients:
        settings = client.connection_pool.connection_kwargs
        assert settings["socket_timeout"] == settings["socket_connect_timeout"] == STORE_TIMEOUT
        assert settings["retry"].get_retries() == 0
