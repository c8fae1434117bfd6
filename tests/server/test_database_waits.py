"""A database that makes a request wait delays that request only, on the Procfile's gunicorn.

The audit held SQLite's write lock for 12 s from another process: a report posted meanwhile
waited inside SQLite's busy timeout, in C, where gevent cannot switch, and `/healthz` on the
same worker took 9.75 s. Here one worker serves everything; a report waits for the lock while
`/healthz` is asked again and again, and every answer must come before the lock is released.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.support.servers import procfile_server

pytestmark = pytest.mark.server

PROBES = 20
HOLD_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
"""
REPORT = {
    "kind": "withdrawn",
    "company": "maif",
    "details": "Le certificateur annonce le retrait.",
    "evidence_url": "https://example.org/retrait",
}


def post_report(base: str) -> requests.Response:
    form = requests.get(f"{base}/signaler?entreprise=maif", timeout=30)
    token = re.search(r'name="jeton" value="([^"]+)"', form.text).group(1)
    return requests.post(
        f"{base}/signaler",
        data={**REPORT, "jeton": token},
        headers={"Sec-Fetch-Site": "same-origin"},
        allow_redirects=False,
        timeout=60,
    )


def test_a_write_waiting_for_the_lock_leaves_the_worker_answering(tmp_path):
    index_dir = tmp_path / "index"
    with procfile_server(index_dir, {"WEB_CONCURRENCY": "1"}) as base:
        assert post_report(base).status_code == 303  # the database exists, migrated
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(tmp_path / "reports.sqlite3")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert holder.stdout.readline().strip() == "locked"
            waiting: list[requests.Response] = []
            poster = threading.Thread(target=lambda: waiting.append(post_report(base)))
            poster.start()
            probes = []
            for _ in range(PROBES):
                started = time.monotonic()
                status = requests.get(f"{base}/healthz", timeout=60).status_code
                probes.append((status, poster.is_alive(), time.monotonic() - started))
            print(f"/healthz while the report waited: {max(p[2] for p in probes):.3f} s at most")
            assert [(s, alive) for s, alive, _ in probes] == [(200, True)] * PROBES
        finally:
            holder.communicate("")  # releases the lock
        poster.join()
    assert waiting[0].status_code in (303, 503), "answered: saved, or said it was not"
