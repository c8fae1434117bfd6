"""A real HTTPS server on loopback, with a throwaway certificate, for the URL import tests.

Each route is a behaviour a remote register host might have: the right file, a redirect,
a login page, an endless body, no answer at all. `requests` trusts the certificate through
REQUESTS_CA_BUNDLE, exactly as it would trust a private CA in production.
"""

from __future__ import annotations

import hashlib
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from register.source import MAX_BYTES


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


LAST_MODIFIED = "Sun, 29 Nov 2026 04:00:00 GMT"


# /trickle (body) and /trickle-headers: 200 bytes at 20 per second, 10 s in all.
TRICKLE_BYTES = 200
TRICKLE_PAUSE = 0.05


class RegisterHost(BaseHTTPRequestHandler):
    """Documents carry an ETag (their body's hash) and honour conditional requests."""

    documents: dict[str, tuple[str, bytes]] = {}
    release: threading.Event
    seen: list[tuple[str, int, dict[str, str]]]  # path, status, conditional headers sent

    def log_message(self, *args) -> None:
        """Quiet: the test output is for the tests."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path in self.documents:
            media_type, body = self.documents[self.path]
            self._send_document(media_type, body)
        elif self.path == "/moved":
            self._redirect("/register.json")
        elif self.path == "/elsewhere":
            self._redirect(f"https://localhost:{port}/register.json")
        elif self.path == "/plain-http":
            self._redirect(f"http://127.0.0.1:{port}/register.json")
        elif self.path == "/announced-huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(MAX_BYTES + 1))
            self.end_headers()
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            chunk = b"x" * 65536
            for _ in range(MAX_BYTES // len(chunk) + 2):
                self.wfile.write(chunk)
        elif self.path == "/trickle":
            self._trickle()
        elif self.path == "/trickle-headers":
            self._trickle_headers()
        elif self.path == "/silent":
            self.seen.append((self.path, 0, {}))
            self.release.wait()
        else:
            self._send(404, "text/plain", b"not here")

    def _trickle(self) -> None:
        """A valid-looking JSON answer sent one byte per TRICKLE_PAUSE: no read ever times out.

        Records how many bytes went out before the client hung up (or the test ended)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(TRICKLE_BYTES))
        self.end_headers()
        sent = 0
        try:
            while sent < TRICKLE_BYTES and not self.release.wait(TRICKLE_PAUSE):
                self.wfile.write(b" ")
                self.wfile.flush()
                sent += 1
        except OSError:
            pass  # the client hung up: what the test wants to see
        self.seen.append((self.path, sent, {}))

    def _trickle_headers(self) -> None:
        """A status line, then a header line that never ends, one byte per TRICKLE_PAUSE."""
        sent = 0
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ")
            self.wfile.flush()
            while sent < TRICKLE_BYTES and not self.release.wait(TRICKLE_PAUSE):
                self.wfile.write(b"a")
                self.wfile.flush()
                sent += 1
        except OSError:
            pass  # the client hung up: what the test wants to see
        self.close_connection = True
        self.seen.append((self.path, sent, {}))

    def _send_document(self, media_type: str, body: bytes) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        asked = {k: v for k, v in self.headers.items() if k.lower().startswith("if-")}
        match = self.headers.get("If-None-Match")
        unchanged = (
            match == etag if match else self.headers.get("If-Modified-Since") == LAST_MODIFIED
        )
        self.seen.append((self.path, 304 if unchanged else 200, asked))
        if unchanged:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)

    def _send(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up on an oversized body is the expected case, not a failure."""


@contextmanager
def https_register_host(
    directory: Path,
    documents: dict[str, tuple[str, bytes]],
    seen: list[tuple[str, int, dict[str, str]]] | None = None,
) -> Iterator[tuple[str, Path]]:
    """Serve `documents` ({path: (content type, body)}); yield the base URL and the CA file.

    Each document request is appended to `seen`; the test may edit `documents` between runs.
    """
    cert, key = make_certificate(directory)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    release = threading.Event()
    attributes = {"documents": documents, "release": release, "seen": [] if seen is None else seen}
    handler = type("Host", (RegisterHost,), attributes)
    server = QuietServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert
    finally:
        release.set()
        server.shutdown()
        server.server_close()
