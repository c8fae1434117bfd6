"""The Procfile command, run for real with gunicorn on a free port."""

from __future__ import annotations

import pytest
import requests

from tests.support.servers import procfile_server

pytestmark = pytest.mark.server


def test_procfile_gunicorn_serves_home_and_api(tmp_path):
    with procfile_server(tmp_path / "index") as base_url:
        home = requests.get(f"{base_url}/", timeout=5)
        assert home.status_code == 200
        assert "Relation Client France" in home.text
        assert "Set-Cookie" not in home.headers
        data = requests.get(f"{base_url}/api/v1/search", params={"q": "edf"}, timeout=5).json()
        assert data["verdict"]["slug"] == "edf"
        assert data["verdict"]["url"] == f"{base_url}/entreprises/edf"
        assert (tmp_path / "index" / "CURRENT").exists(), "index built on start when missing"


def test_gunicorn_serves_vendored_htmx_locally(tmp_path):
    with procfile_server(tmp_path / "index") as base_url:
        script = requests.get(f"{base_url}/static/vendor/htmx-2.0.11/htmx.min.js", timeout=5)
        assert script.status_code == 200
        assert "htmx" in script.text[:2000]
