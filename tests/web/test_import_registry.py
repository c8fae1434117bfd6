"""The register import: all-or-nothing validation, dry-run diff, atomic switch, URL safety."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.servers import free_port
from register import find, load_register
from register.csv_format import register_to_csv
from register.paths import PROJECT_ROOT
from register.source import MAX_BYTES
from scripts.import_registry import main
from search_index import SearchIndex, current_generation
from tests.support.site import Site as SharedSite
from tests.support.tls_server import https_register_host

OFFICIAL_LIST = {
    "id": "liste-officielle-test",
    "kind": "official",
    "title": "Liste des entreprises certifiées (document de test)",
    "url": "https://example.org/liste-officielle",
    "covers": ["status"],
}


class Site(SharedSite):
    def run(self, source: str | Path, *options: str) -> int:
        return main([str(source), *self.paths(), *options])

    def unchanged(self) -> bool:
        return super().unchanged() and not (self.registry.parent / "history").exists()


@pytest.fixture
def site(tmp_path, bundled_register_raw) -> Site:
    return Site(tmp_path / "site", bundled_register_raw)


@pytest.fixture
def incoming(tmp_path, bundled_register_raw):
    """Write an edited copy of the bundled register as the file to import."""

    def write(edit, name: str = "incoming.json") -> Path:
        raw = copy.deepcopy(bundled_register_raw)
        edit(raw["companies"])
        path = tmp_path / name
        text = (
            register_to_csv(raw) if name.endswith(".csv") else json.dumps(raw, ensure_ascii=False)
        )
        path.write_text(text, encoding="utf-8")
        return path

    return write


def six_faults(companies: list[dict]) -> None:
    companies[0]["siren"] = "347384571"
    companies[1]["status"] = "certifiée"
    companies[2]["slug"] = companies[3]["slug"]
    companies[4]["history"][0]["sources"] = ["introuvable"]
    companies[5]["reviewed_on"] = "29/11/2026"
    companies[6]["sources"][0]["file"] = "data/sources/absente.txt"


def test_malformed_json_lists_every_error_and_changes_nothing(site, incoming, capsys):
    assert site.run(incoming(six_faults)) == 1
    errors = capsys.readouterr().err
    assert "6 error(s); nothing was changed" in errors
    for expected in (
        "record 1 (boulanger): field 'siren'",
        "record 2 (butagaz): field 'status'",
        "record 4 (edf): field 'slug': duplicate of record 3",
        "record 5 (homeserve): field 'history[1].sources'",
        "record 6 (leocare): field 'reviewed_on'",
        "record 7 (macif): field 'sources[1].file'",
    ):
        assert expected in errors, expected
    assert site.unchanged()


def test_malformed_csv_names_lines_and_records(site, incoming, capsys):
    assert site.run(incoming(six_faults, name="incoming.csv")) == 1
    errors = capsys.readouterr().err
    assert "line 2, record 1 (boulanger): field 'siren'" in errors
    assert "line 7, record 6 (leocare): field 'reviewed_on'" in errors
    assert site.unchanged()


def test_broken_csv_cells_are_reported_by_line(site, tmp_path, bundled_register_raw, capsys):
    lines = register_to_csv(bundled_register_raw).splitlines()
    lines[3] = lines[3].replace('[{""event""', '[{""event', 1)
    lines[5] = lines[5].replace('[{""id""', '[{id""', 1)
    path = tmp_path / "broken.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    assert site.run(path) == 1
    errors = capsys.readouterr().err
    assert "line 4: column 'history_json': invalid JSON" in errors
    assert "line 6: column 'sources_json': invalid JSON" in errors
    assert site.unchanged()


def test_a_csv_export_reimports_to_the_same_register(site, tmp_path, bundled_register_raw, capsys):
    exported = tmp_path / "registre.csv"
    exported.write_text(register_to_csv(bundled_register_raw), encoding="utf-8")
    assert site.run(exported) == 0
    assert f"= {len(bundled_register_raw['companies'])} unchanged" in capsys.readouterr().out
    assert site.unchanged()


@pytest.mark.parametrize("export", ["/registre.csv", "/registre.json"])
def test_the_site_exports_reimport_without_a_change(
    site, client, tmp_path, export, capsys, bundled_register_raw
):
    path = tmp_path / export.lstrip("/")
    path.write_bytes(client.get(export).get_data())
    assert site.run(path) == 0
    assert f"= {len(bundled_register_raw['companies'])} unchanged" in capsys.readouterr().out
    assert site.unchanged()


def test_dry_run_shows_added_changed_removed_and_writes_nothing(
    site, incoming, capsys, bundled_register_raw
):
    def edit(companies):
        companies[8]["aliases"].append("O2 Care")
        companies[7]["certificates"].append(
            {
                "number": "RCF-TEST-1",
                "versions": [
                    {
                        "status": "active",
                        "issued_on": "2026-01-05",
                        "valid_until": "2030-01-04",
                        "status_since": None,
                        "scope": None,
                        "issuer": "Organisme de test",
                        "published_on": "2026-01-05",
                        "source": OFFICIAL_LIST["id"],
                    }
                ],
            }
        )
        companies[7]["sources"].append(OFFICIAL_LIST)
        added = copy.deepcopy(companies[0]) | {"slug": "nouvelle", "name": "Nouvelle"}
        companies.append(added | {"siren": None})
        del companies[10]

    assert site.run(incoming(edit), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "+ added: nouvelle (Nouvelle)" in out
    assert "- removed: uneo (Unéo)" in out
    assert "~ changed: o2 (O2)" in out and '"O2 Care"]' in out
    assert "certificates: 0 entries -> 1 entries (+1 new, -0 gone)" in out
    sources = len(bundled_register_raw["companies"][7]["sources"])
    assert f"sources: {sources} entries -> {sources + 1} entries (+1 new, -0 gone)" in out
    untouched = len(bundled_register_raw["companies"]) - 3  # o2 and maif changed, uneo removed
    assert f"= {untouched} unchanged" in out and "Dry run" in out
    assert site.unchanged()


def withdraw_maif(companies):
    companies[7]["sources"].append(OFFICIAL_LIST)
    companies[7]["history"].append(
        {"event": "withdrawn", "date": "2026-10-01", "sources": [OFFICIAL_LIST["id"]]}
    )


def test_a_new_event_goes_live_stamped_with_the_day_it_was_recorded(site, incoming, capsys):
    assert site.run(incoming(withdraw_maif)) == 0
    maif = site.company("maif")
    event = maif["history"][-1]
    assert event["event"] == "withdrawn" and event["sources"] == ["liste-officielle-test"]
    assert event["date"] == "2026-10-01"
    assert event["recorded_on"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert len(maif["history"]) == 2, "the press event is kept as it was"

    archived = list((site.registry.parent / "history").iterdir())
    assert [p.read_bytes() for p in archived] == [site.original]
    assert not list(site.registry.parent.glob(".import-*")), "no temp file left behind"
    live = current_generation(site.index_dir)
    assert live != site.generation
    index = SearchIndex(site.index_dir / live)
    live_register = load_register(site.index_dir / live / "register.json")
    finding = find(live_register.get("maif"), dt.date(2026, 11, 29), live_register.label)
    assert (finding.status, finding.basis) == ("withdrawn", "certificate")
    assert index.search("maif").verdict.slug == "maif"


def test_new_event_without_new_evidence_is_refused(site, incoming, capsys, bundled_register_raw):
    position = len(bundled_register_raw["companies"][3]["history"]) + 1

    def expire_edf(companies):
        companies[3]["history"].append(
            {"event": "expired", "date": "2026-10-01", "sources": ["article-presse-rcf"]}
        )

    assert site.run(incoming(expire_edf)) == 1
    assert (
        f"record 4 (edf): field 'history[{position}]': new event 'expired' cites no new or updated"
        in capsys.readouterr().err
    )
    assert site.unchanged()


def test_an_undated_new_event_is_bounded_by_the_import_day(site, incoming):
    def suspend_edf(companies):
        companies[3]["sources"].append(OFFICIAL_LIST)
        companies[3]["history"].append(
            {"event": "suspended", "date": None, "sources": [OFFICIAL_LIST["id"]]}
        )

    assert site.run(incoming(suspend_edf)) == 0
    event = site.company("edf")["history"][-1]
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert event["date"]["not_after"] == today and event["date"]["not_before"] is None
    assert "au plus tard le jour de son import" in event["date"]["reason"]
    assert [e["event"] for e in site.company("edf")["history"]] == [
        "certified",
        "certified",
        "suspended",
    ], "the press report and the interview are kept, the suspension is added"


def test_a_failed_index_build_leaves_register_and_index_as_they_were(site, incoming, capsys):
    def unsearchable_first_name(companies):
        companies[0]["name"] = "—"

    assert site.run(incoming(unsearchable_first_name)) == 2
    assert "index build failed" in capsys.readouterr().err
    assert site.unchanged()
    assert not list(site.registry.parent.glob(".import-*"))


def test_the_module_command_runs_from_the_project_root(site, incoming):
    done = subprocess.run(
        [sys.executable, "-m", "scripts.import_registry", str(incoming(six_faults)),
         "--registry", str(site.registry), "--index-dir", str(site.index_dir)],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "6 error(s)" in done.stderr


@pytest.fixture
def register_host(tmp_path, bundled_register_raw, monkeypatch):
    withdrawn = copy.deepcopy(bundled_register_raw)
    withdraw_maif(withdrawn["companies"])
    documents = {
        "/register.json": ("application/json", json.dumps(withdrawn).encode()),
        "/registre.csv": ("text/csv; charset=utf-8", register_to_csv(withdrawn).encode()),
        "/login": ("text/html", b"<html>Connexion</html>"),
    }
    with https_register_host(tmp_path, documents) as (base_url, ca_file):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
        yield base_url


@pytest.mark.parametrize("path", ["/register.json", "/registre.csv", "/moved"])
def test_a_register_is_imported_over_https(site, register_host, path):
    assert site.run(register_host + path) == 0
    assert site.company("maif")["history"][-1]["event"] == "withdrawn"


# The deadline covers the whole exchange (TLS included): only the silent server should meet it,
# so every other case gets one a loaded machine cannot reach by accident.
@pytest.mark.parametrize(
    ("path", "timeout", "message"),
    [
        ("/elsewhere", "10", "redirects to https://localhost"),
        ("/plain-http", "10", "another host or scheme; refused"),
        ("/login", "10", "content type text/html, expected application/json or text/csv"),
        ("/announced-huge", "10", f"over the {MAX_BYTES}-byte limit"),
        ("/endless", "10", f"body larger than the {MAX_BYTES}-byte limit"),
        ("/missing", "10", "HTTP 404"),
        ("/silent", "0.3", "no complete answer within 0.3 s"),
    ],
)
def test_a_bad_answer_is_one_clear_line_and_changes_nothing(
    site, register_host, capsys, path, timeout, message
):
    assert site.run(register_host + path, "--timeout", timeout) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and "\n" not in error and "Traceback" not in error
    assert site.unchanged()


def test_network_errors_and_plain_http_are_clear(site, capsys):
    assert site.run(f"https://127.0.0.1:{free_port()}/register.json") == 2
    assert "network error" in capsys.readouterr().err
    assert site.run("http://example.org/register.json") == 2
    assert "only https:// URLs or local files" in capsys.readouterr().err
    assert site.run("/nonexistent/register.json") == 2
    assert "cannot read" in capsys.readouterr().err
    assert site.unchanged()


def test_an_untrusted_certificate_is_refused(site, register_host, monkeypatch, capsys):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    assert site.run(register_host + "/register.json") == 2
    assert "CERTIFICATE_VERIFY_FAILED" in capsys.readouterr().err
    assert site.unchanged()
