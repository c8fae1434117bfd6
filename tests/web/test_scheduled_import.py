"""The daily import from an upstream URL: conditional GET, validators kept beside the register.

A real HTTPS server (tests/support/tls_server.py) serves the upstream with an ETag and a
Last-Modified, and answers 304 to a matching If-None-Match / If-Modified-Since.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from register.paths import PROJECT_ROOT
from register.upstream import state_path
from scripts.import_registry import main
from search_index import current_generation
from tests.support.site import Site as SharedSite
from tests.support.tls_server import LAST_MODIFIED, https_register_host

DEPLOY = PROJECT_ROOT / "deploy"


class Site(SharedSite):
    def remember(self) -> None:
        super().remember()
        self.state = self.state_text()

    def state_text(self) -> str | None:
        path = state_path(self.registry)
        return path.read_text() if path.exists() else None

    def run(self, url: str, *options: str) -> int:
        return main([url, *self.paths(), *options])

    def unchanged(self) -> bool:
        return super().unchanged() and self.state_text() == self.state

    def aliases(self, slug: str) -> list[str]:
        return self.company(slug)["aliases"]


def with_alias(raw: dict, alias: str) -> bytes:
    edited = copy.deepcopy(raw)
    edited["companies"][0]["aliases"].append(alias)
    return json.dumps(edited, ensure_ascii=False).encode()


@pytest.fixture
def upstream(tmp_path, bundled_register_raw, monkeypatch):
    """The upstream host, its documents (editable between runs) and the requests it saw."""
    documents = {"/register.json": ("application/json", with_alias(bundled_register_raw, "V1"))}
    seen: list = []
    with https_register_host(tmp_path, documents, seen) as (base_url, ca_file):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
        yield base_url, documents, seen


@pytest.fixture
def site(tmp_path, bundled_register_raw) -> Site:
    return Site(tmp_path / "site", bundled_register_raw)


def test_an_unchanged_upstream_costs_one_304_and_changes_nothing(site, upstream, capsys):
    base_url, _documents, seen = upstream
    assert site.run(base_url + "/register.json") == 0  # first run: a full download
    assert site.aliases(site_first_slug(site))[-1] == "V1"
    site.remember()
    seen.clear()
    assert site.run(base_url + "/register.json") == 0
    assert [status for _path, status, _asked in seen] == [304]
    assert {"If-None-Match", "If-Modified-Since"} <= set(seen[0][2])
    assert "not modified since the last import (HTTP 304)" in capsys.readouterr().out
    assert site.unchanged()


def test_last_modified_alone_is_enough_to_ask(site, upstream):
    base_url, _documents, seen = upstream
    site.run(base_url + "/register.json")
    state = json.loads(state_path(site.registry).read_text())
    state["etag"] = None
    state_path(site.registry).write_text(json.dumps(state))
    seen.clear()
    assert site.run(base_url + "/register.json") == 0
    assert seen == [("/register.json", 304, {"If-Modified-Since": LAST_MODIFIED})]


def test_a_changed_upstream_is_validated_and_switched(site, upstream, bundled_register_raw):
    base_url, documents, seen = upstream
    site.run(base_url + "/register.json")
    site.remember()
    documents["/register.json"] = ("application/json", with_alias(bundled_register_raw, "V2"))
    seen.clear()
    assert site.run(base_url + "/register.json") == 0
    assert [status for _path, status, _asked in seen] == [200]
    assert site.aliases(site_first_slug(site))[-1] == "V2"
    assert current_generation(site.index_dir) != site.generation
    assert site.state_text() != site.state  # the new version's validators are kept


def test_a_malformed_upstream_leaves_the_live_register_and_fails(site, upstream, capsys):
    base_url, documents, _seen = upstream
    site.run(base_url + "/register.json")
    site.remember()
    documents["/register.json"] = ("application/json", b'{"companies": [{"slug": "Bad Slug"}]}')
    assert site.run(base_url + "/register.json") == 1
    assert "nothing was changed" in capsys.readouterr().err
    assert site.unchanged()  # validators too: tomorrow's run downloads and fails again, visibly


def test_a_stalling_upstream_times_out_and_changes_nothing(site, upstream, capsys):
    base_url, _documents, _seen = upstream
    assert site.run(base_url + "/silent", "--timeout", "0.3") == 2
    assert "no complete answer within 0.3 s" in capsys.readouterr().err
    assert site.unchanged()


def test_a_register_changed_since_the_last_import_is_downloaded_in_full(site, upstream):
    """After an identity check or a local import, a 304 would hide the difference."""
    base_url, _documents, seen = upstream
    site.run(base_url + "/register.json")
    site.registry.write_text(site.registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seen.clear()
    assert site.run(base_url + "/register.json") == 0
    assert seen == [("/register.json", 200, {})]


def test_dry_run_keeps_no_validators(site, upstream):
    base_url, _documents, _seen = upstream
    assert site.run(base_url + "/register.json", "--dry-run") == 0
    assert site.unchanged()


def service_command(url: str) -> list[str]:
    """The service's ExecStart, with this checkout's interpreter and the test's URL."""
    unit = (DEPLOY / "verif-import.service").read_text()
    command = re.search(r"^ExecStart=(.+)$", unit, flags=re.MULTILINE).group(1)
    words = shlex.split(command.replace("${VERIF_UPSTREAM_URL}", url))
    assert words[0].endswith("/.venv/bin/python")
    return [sys.executable, *words[1:]]


def test_the_service_command_imports_then_gets_304(site, upstream):
    base_url, _documents, seen = upstream
    env = {**os.environ, "VERIF_REGISTRY_PATH": str(site.registry),
           "VERIF_INDEX_DIR": str(site.index_dir)}  # fmt: skip
    command = service_command(base_url + "/register.json")
    first = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    second = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert [status for _path, status, _asked in seen] == [200, 304]


def test_the_cron_line_runs_the_same_command_daily():
    cron = [
        line
        for line in (DEPLOY / "verif-import.cron").read_text().splitlines()
        if line.strip() and not line.startswith("#") and "=" not in line.split()[0]
    ]
    assert len(cron) == 1
    fields = cron[0].split(None, 6)
    assert fields[2:5] == ["*", "*", "*"]  # every day
    unit = (DEPLOY / "verif-import.service").read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", unit, flags=re.MULTILINE).group(1)
    assert exec_start.replace("${VERIF_UPSTREAM_URL}", '"$VERIF_UPSTREAM_URL"') in fields[6]
    minutes = re.search(r"^TimeoutStartSec=(\d+)min$", unit, flags=re.MULTILINE).group(1)
    assert f"timeout {minutes}m {exec_start.split()[0]}" in fields[6], "cron runs unbounded"


def test_the_timer_is_daily_and_catches_up_missed_runs():
    timer = (DEPLOY / "verif-import.timer").read_text()
    assert re.search(r"^OnCalendar=\S*daily|^OnCalendar=\*-\*-\* ", timer, flags=re.MULTILINE)
    assert "Persistent=true" in timer and "Unit=verif-import.service" in timer


def test_systemd_accepts_both_units(tmp_path):
    """systemd-analyze (Debian package systemd) flags unknown keys and bad calendar specs."""
    for name in ("verif-import.service", "verif-import.timer"):
        text = (DEPLOY / name).read_text().replace("/srv/verif/.venv/bin/python", sys.executable)
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", "verif-import.service", "verif-import.timer"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def site_first_slug(site: Site) -> str:
    return json.loads(site.registry.read_text(encoding="utf-8"))["companies"][0]["slug"]
