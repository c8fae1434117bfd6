"""Who is asking, and under which address the site answers: the only readers of Host and
X-Forwarded-*.

Absolute URLs end up in cacheable bodies (canonical links, JSON links, feeds, the snippets
retailers copy), so they must not come from a header a client chooses. With `BASE_URL` set,
every absolute URL is built from it: the WSGI environ's host and scheme are replaced before
Flask sees the request, so url_for, request.host and request.is_secure all agree with it.

Forwarded headers are believed only when the connection comes from one of the
`TRUSTED_PROXIES` addresses, and only X-Forwarded-For (the reader's address, for the search
budget) and X-Forwarded-Proto (https behind a TLS terminator): never X-Forwarded-Host or
-Port, which would let a request rename the site.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
HOST_RE = re.compile(rf"(?:{LABEL}(?:\.{LABEL})*\.?|\[[0-9A-Fa-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?")
BAD_HOST = "verif.bad_host"


def init_app(app: Flask) -> None:
    app.wsgi_app = ValidHost(app.wsgi_app)
    base = app.config["BASE_URL"]
    if base:
        app.wsgi_app = CanonicalBase(app.wsgi_app, base)
    proxies = parse_networks(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = TrustedProxies(app.wsgi_app, proxies)


def parse_networks(text: str) -> tuple[Network, ...]:
    """`"127.0.0.1, 10.0.0.0/8"` -> networks; a typo stops the start-up rather than trusting."""
    return tuple(ipaddress.ip_network(part.strip()) for part in text.split(",") if part.strip())


class CanonicalBase:
    """Answer as `base` ("https://verif.example"), whatever Host the request named."""

    def __init__(self, app: Any, base: str):
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise ValueError(f"BASE_URL must be http(s)://host[:port], got {base!r}")
        self.app = app
        self.scheme = parts.scheme
        self.host = parts.netloc.lower()
        self.server_name = parts.hostname
        self.port = str(parts.port or (443 if parts.scheme == "https" else 80))

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        environ["wsgi.url_scheme"] = self.scheme
        environ["HTTP_HOST"] = self.host
        environ["SERVER_NAME"] = self.server_name
        environ["SERVER_PORT"] = self.port
        return self.app(environ, start_response)


class ValidHost:
    """A Host that is not a host name (a 64-character label, an unclosed "[") cannot even be
    encoded into a URL: werkzeug and idna raise deep inside url_for, and the error page too.
    Such a request is answered 400 (response_policy reads BAD_HOST) under the server's name."""

    def __init__(self, app: Any):
        self.app = app

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is not None and (len(host) > 260 or not HOST_RE.fullmatch(host)):
            environ[BAD_HOST] = True
            environ["HTTP_HOST"] = "localhost"
        return self.app(environ, start_response)


class TrustedProxies:
    """ProxyFix (one hop of X-Forwarded-For and -Proto) for connections from `networks` only."""

    def __init__(self, app: Any, networks: tuple[Network, ...]):
        self.app = app
        self.networks = networks
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        if self._trusted(environ.get("REMOTE_ADDR", "")):
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)

    def _trusted(self, address: str) -> bool:
        try:
            peer = ipaddress.ip_address(address)
        except ValueError:  # a Unix socket has no address: nothing to trust
            return False
        return any(peer in network for network in self.networks)
