"""A real local HTTP server standing in for API Recherche d'entreprises, for identity checks.

It answers `GET /search?q=…` in the format the API documents in its OpenAPI description
(annuaire-entreprises-data-gouv-fr/search-api, `aio/aio-proxy/aio_proxy/doc/open-api.yml`):
`{"results": [...], "total_results", "page", "per_page", "total_pages"}`, each result with
`siren`, `nom_complet`, `nom_raison_sociale`, `sigle`, `etat_administratif` (`A` active, `C`
ceased), `date_creation` and a `siege` object. The same document states the limit (7 requests
per second, 429 beyond). Every answer here is invented for the tests: none describes a real
company.

Each query maps to a list of behaviours served in turn (the last one repeats), so a test can
say "429 with Retry-After, then the answer".
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def legal_unit(siren: str, name: str, state: str = "A", acronym: str | None = None) -> dict:
    """One search result as documented (only the fields the checks read, plus a few more)."""
    full_name = f"{name.lower()} ({acronym.lower()})" if acronym else name.lower()
    return {
        "siren": siren,
        "nom_complet": full_name,
        "nom_raison_sociale": name,
        "sigle": acronym,
        "etat_administratif": state,
        "date_creation": "2001-02-03",
        "nature_juridique": "5710",
        "siege": {
            "siret": f"{siren}00017",
            "libelle_commune": "VILLE-FICTIVE",
            "etat_administratif": state,
        },
    }


def found(*units: dict) -> tuple:
    body = {
        "results": list(units),
        "total_results": len(units),
        "page": 1,
        "per_page": 5,
        "total_pages": 1 if units else 0,
    }
    return ("reply", 200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def status(code: int, headers: dict | None = None, body: bytes = b'{"erreur": "test"}') -> tuple:
    return ("reply", code, {"Content-Type": "application/json", **(headers or {})}, body)


NOT_JSON = ("reply", 200, {"Content-Type": "text/html"}, b"<html><body>Maintenance</body></html>")
STALL = ("stall",)
# One byte per TRICKLE_PAUSE, in the headers or in the body: no single read ever times out.
TRICKLE_HEADERS = ("trickle", "headers")
TRICKLE_BODY = ("trickle", "body")
TRICKLE_BYTES = 200
TRICKLE_PAUSE = 0.05


@dataclass
class SireneApi:
    base_url: str
    answers: dict[str, list[tuple]]
    queries: list[str] = field(default_factory=list)
    trickled: list[int] = field(default_factory=list)  # bytes sent before each hang-up


class _Handler(BaseHTTPRequestHandler):
    api: SireneApi
    release: threading.Event
    lock: threading.Lock

    def log_message(self, *args) -> None:
        """Quiet: the test output is for the tests."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query).get("q", [""])[0]
        if parts.path != "/search" or not query:
            return self._reply(400, {"Content-Type": "application/json"}, b'{"erreur": "q"}')
        with self.lock:
            self.api.queries.append(query)
            queue = self.api.answers.get(query) or [found()]
            behaviour = queue.pop(0) if len(queue) > 1 else queue[0]
        if behaviour[0] == "stall":
            self.release.wait()
            return None
        if behaviour[0] == "trickle":
            return self._trickle(behaviour[1])
        return self._reply(*behaviour[1:])

    def _trickle(self, where: str) -> None:
        """A 200 whose headers (or body) never finish; records the bytes sent before the
        client hung up (or the test ended)."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        if where == "headers":
            head += b"X-Slow: "
        else:
            head += f"Content-Length: {TRICKLE_BYTES}\r\n\r\n".encode()
        sent = 0
        try:
            self.wfile.write(head)
            self.wfile.flush()
            while sent < TRICKLE_BYTES and not self.release.wait(TRICKLE_PAUSE):
                self.wfile.write(b"a" if where == "headers" else b" ")
                self.wfile.flush()
                sent += 1
        except OSError:
            pass  # the client hung up: what the test wants to see
        with self.lock:
            self.api.trickled.append(sent)
        self.close_connection = True

    def _reply(self, code: int, headers: dict, body: bytes) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client giving up on a stalled answer is the case under test, not a failure."""


@contextmanager
def sirene_api(answers: dict[str, list[tuple]]) -> Iterator[SireneApi]:
    """Serve `answers` ({query: [behaviour, …]}) on a free loopback port."""
    api = SireneApi("", answers)
    release = threading.Event()
    handler = type("Api", (_Handler,), {"api": api, "release": release, "lock": threading.Lock()})
    server = _Server(("127.0.0.1", 0), handler)
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield api
    finally:
        release.set()
        server.shutdown()
        server.server_close()
