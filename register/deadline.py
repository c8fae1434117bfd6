"""One overall deadline for an outbound HTTP exchange: connection, TLS, headers and body.

`requests`' timeout bounds each wait on the socket, not the exchange: a server that sends one
byte a second never trips it, in its headers or in its body, and keeps a scheduled run going
for as long as it likes. Here every socket a session opens is registered with a `Deadline`;
when the deadline passes, a timer shuts those sockets down, which wakes whatever read is
blocked on them. Whatever error (or early end of body) that produces, the caller checks
`expired` and reports the deadline, which is the real reason.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager


class Deadline:
    """A point in time after which the sockets it watches are shut down."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._expired = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    @property
    def expired(self) -> bool:
        return self._expired.is_set() or time.monotonic() >= self._end

    def remaining(self) -> float:
        """What is left, for the per-wait timeout of the next call (never zero: that means
        "non-blocking" to a socket)."""
        return max(self._end - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if not self._expired.is_set():
                self._sockets.append(sock)
                return
        _shut(sock)

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self._expired.set()
            watched, self._sockets = self._sockets, []
        for sock in watched:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Shut the descriptor itself (a TLS socket's own shutdown would also drop its TLS state
    under the feet of the thread reading it)."""
    # OSError: already closed, or handed over to a TLS socket that is watched itself.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


@contextmanager
def deadline_session(seconds: float) -> Iterator[tuple[requests.Session, Deadline]]:
    """A session whose every connection ends when `seconds` have passed since entering."""
    deadline = Deadline(seconds)
    adapter = _DeadlineAdapter(deadline)
    with requests.Session() as session:
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        deadline.start()
        try:
            yield session, deadline
        finally:
            deadline.cancel()


class _DeadlineAdapter(HTTPAdapter):
    """An adapter whose connection pools register each new socket with the deadline."""

    def __init__(self, deadline: Deadline):
        self._deadline = deadline
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        _watch_pools(self.poolmanager, self._deadline)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        _watch_pools(manager, self._deadline)
        return manager


def _watch_pools(manager: PoolManager, deadline: Deadline) -> None:
    manager.pool_classes_by_scheme = {
        scheme: type(
            pool.__name__, (pool,), {"ConnectionCls": _watched(pool.ConnectionCls, deadline)}
        )
        for scheme, pool in manager.pool_classes_by_scheme.items()
    }


def _watched(connection_class: type, deadline: Deadline) -> type:
    class Watched(connection_class):
        def _new_conn(self) -> socket.socket:
            sock = super()._new_conn()
            deadline.watch(sock)  # covers the TLS handshake
            return sock

        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)  # TLS wraps a new socket object around the descriptor

    return Watched
