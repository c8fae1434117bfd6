"""What the Procfile's real gunicorn writes about a reader: nothing that ties them to a report.

The privacy notice says the site keeps no request log; the audit found gunicorn's access log
writing the client address next to `GET /signaler/recu/<reference>`, and the reference leads
to the report and its email. Here a reader sends a report from their own address, opens the
receipt and searches; then everything gunicorn printed is read back.
"""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode, urlsplit

import pytest

from tests.support.servers import gunicorn_log, procfile_server

pytestmark = pytest.mark.server

READER = "127.0.0.31"


def request(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, str, str]:
    """(status, Location, body) of one request sent from the reader's own address."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, 10, (READER, 0))
    headers = {"Sec-Fetch-Site": "same-origin"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, urlencode(body) if body else None, headers)
        response = connection.getresponse()
        return response.status, response.getheader("Location", ""), response.read().decode()
    finally:
        connection.close()


def test_gunicorn_keeps_no_reader_address_next_to_a_report(tmp_path):
    index_dir = tmp_path / "index"
    with procfile_server(index_dir) as base:
        _status, _location, form = request(base, "GET", "/signaler?entreprise=maif")
        token = re.search(r'name="jeton" value="([^"]+)"', form).group(1)
        report = {"kind": "withdrawn", "company": "maif", "jeton": token,
                  "details": "Le certificateur annonce le retrait.",
                  "evidence_url": "https://example.org/retrait"}  # fmt: skip
        status, receipt, _body = request(base, "POST", "/signaler", report)
        assert status == 303
        reference = receipt.rsplit("/", 1)[1]
        assert request(base, "GET", receipt)[0] == 200
        assert request(base, "GET", "/recherche?q=maif")[0] == 200
        notice = request(base, "GET", "/confidentialite")[2]
        log = gunicorn_log(index_dir).read_text(errors="replace")
    assert "Booting worker" in log, "the log is read from the right place"
    assert READER not in log
    assert reference not in log and "/signaler" not in log and "q=maif" not in log
    assert "Le site ne tient aucun journal des requêtes" in notice
