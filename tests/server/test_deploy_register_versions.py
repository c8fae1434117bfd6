"""A shared write killed half-way on one node (gunicorn's timeout, a crash) still ends on every
node: it was recorded in the cluster's PostgreSQL before it went live anywhere, so node A — whose
writer died — installs it at its next poll, as node B does (reports.register_versions).

The writer is a real process publishing on node A's register and index as a worker would, killed
with SIGKILL at a chosen point; both nodes are the cluster's real gunicorn servers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import requests

from register.paths import PROJECT_ROOT
from reports.database import Database
from reports.register_versions import newest_version
from tests.support.servers import wait_for

pytestmark = pytest.mark.server

# The writer: publish_shared with one certifier record, killed where `stage` says. Before the
# install (recorded, nothing live), or once node A's index has switched to the new generation
# but its register file is not replaced yet — with install-then-record, the point where a write
# stayed live on node A only.
WRITER = """
import datetime as dt, os, signal, sys
from pathlib import Path
from register.certificates import apply_certificates
from register.source import Incoming
from reports.database import Database
from reports.register_versions import publish_shared
from search_index.publish import index_installer

registry, index_dir, url, number, slug, stage = sys.argv[1:]
today = dt.date.today()
record = {"number": number, "company": {"slug": slug}, "status": "active",
          "issued_on": "2026-01-15", "valid_until": "2030-01-14"}
installer = index_installer(Path(index_dir))

def change(current):
    batch = apply_certificates(current, [record], "Certificateur interrompu", today)
    assert not batch.errors, batch.errors
    return Incoming(batch.candidate, "certificates from Certificateur interrompu", "json")

def install(staged):
    if stage == "before-install":
        os.kill(os.getpid(), signal.SIGKILL)
    name = installer(staged)
    os.kill(os.getpid(), signal.SIGKILL)

publish_shared(Database(url), Path(registry), change, install, today,
               "Certificateur interrompu", dt.datetime.now(dt.UTC))
"""


def served(node: str, number: str) -> bool:
    answer = requests.get(f"{node}/api/v1/certificates/{number}", timeout=10)
    return answer.status_code == 200 and answer.json()["certificate"]["number"] == number


@pytest.mark.parametrize(
    ("stage", "number", "slug"),
    [("before-install", "RCF-KILL-0001", "butagaz"), ("after-switch", "RCF-KILL-0002", "edenred")],
)
def test_a_writer_killed_half_way_on_node_a_leaves_its_write_on_both_nodes(
    cluster, stage, number, slug
):
    db = Database(cluster["database_url"])
    try:
        recorded = newest_version(db)
        writer = subprocess.run(
            [sys.executable, "-c", WRITER, str(cluster["registers"][0]),
             str(cluster["index_dirs"][0]), cluster["database_url"], number, slug, stage],
            cwd=PROJECT_ROOT, env=os.environ.copy(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert writer.returncode == -signal.SIGKILL, writer.stderr
        assert newest_version(db) == recorded + 1, "recorded before it went live anywhere"
    finally:
        db.dispose()
    node_a, node_b = cluster["nodes"]
    wait_for(lambda: served(node_b, number), "node B to install the recorded write", 30)
    wait_for(lambda: served(node_a, number), "node A to install the write its writer left", 30)
    journal = requests.get(f"{node_b}/journal.json", timeout=10).text
    assert number in journal, "public in node B's journal"
    registers = cluster["registers"]
    wait_for(
        lambda: registers[0].read_bytes() == registers[1].read_bytes(),
        "both nodes' register files to be the same",
        30,
    )
