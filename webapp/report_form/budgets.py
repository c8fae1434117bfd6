"""Daily report budgets and single-use form tokens, counted exactly in one shared store.

The budgets are built so that nobody can use them to silence a company:
- each client has its own (`RATELIMIT_REPORTS_CLIENT`), keyed by a keyed hash of its address,
  an IPv6 address by its /64 (what one subscriber is given whole, so one person cannot be
  sixty-four thousand clients);
- a company's budget (`RATELIMIT_REPORTS_COMPANY`) is kept per kind and only for the kinds that
  need no document (an error, an addition): a status change must cite its evidence and is
  never refused because other people sent many reports, only its own sender's budget applies.

Check and count are one step, or 300 parallel posts get through a budget of 5 together: a
Lua script in Redis (the server runs it atomically, for every node), a lock in memory (one
worker: `memory://` counts per worker). A report that could not be saved gives its units back.

The store is asked with a 0.05 s deadline (`STORE_TIMEOUT`: a Redis nearby answers in well
under a millisecond) and no retry, so a request never waits 0.1 s for it. Reports fail
closed: a store that is down, blocked or slow gives `StoreUnavailable`, and the form answers
503 with the input kept, instead of letting a flood through unlimited (searches fail open,
see webapp.limits).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
import time
from dataclasses import dataclass
from typing import Protocol

import redis
from limits import parse_many
from redis.backoff import NoBackoff
from redis.retry import Retry

from reports.submission import STATUS_KINDS

STORE_TIMEOUT = 0.05
IPV6_CLIENT_PREFIX = 64
MEMORY_KEYS = 10_000  # past this many keys, the memory store drops the expired ones
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
# KEYS: the budgets; ARGV: amount, seconds for each. 0 when all were spent, else the index of
# the first budget already used up (then nothing is counted).
SPEND = """
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i - 1]) then return i end
end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, ARGV[2 * i]) end
end
return 0
"""
GIVE_BACK = """
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
"""


class StoreUnavailable(RuntimeError):
    """The shared store did not answer within STORE_TIMEOUT: nothing was counted."""


@dataclass(frozen=True)
class Budget:
    key: str
    amount: int
    seconds: int


class Store(Protocol):
    def spend(self, budgets: list[Budget]) -> bool: ...
    def give_back(self, budgets: list[Budget]) -> None: ...
    def first_use(self, key: str, seconds: int) -> bool: ...


def redis_options() -> dict:
    """What every Redis client of the site is made with: answer or fail within STORE_TIMEOUT."""
    return {
        "socket_timeout": STORE_TIMEOUT,
        "socket_connect_timeout": STORE_TIMEOUT,
        "retry": Retry(NoBackoff(), 0),
        "health_check_interval": 0,
    }


def open_store(uri: str) -> Store:
    if uri.startswith(REDIS_SCHEMES):
        return RedisStore(uri)
    if uri.startswith("memory://"):
        return MemoryStore()
    raise ValueError(f"RATELIMIT_STORAGE_URI must be memory:// or redis://…, got {uri!r}")


class RedisStore:
    def __init__(self, uri: str):
        self._client = redis.Redis.from_url(uri, **redis_options())
        self._spend = self._client.register_script(SPEND)
        self._give_back = self._client.register_script(GIVE_BACK)

    def spend(self, budgets: list[Budget]) -> bool:
        arguments = [value for b in budgets for value in (b.amount, b.seconds)]
        return self._call(self._spend, [b.key for b in budgets], arguments) == 0

    def give_back(self, budgets: list[Budget]) -> None:
        self._call(self._give_back, [b.key for b in budgets], [])

    def first_use(self, key: str, seconds: int) -> bool:
        try:
            return bool(self._client.set(key, 1, nx=True, ex=seconds))
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc

    @staticmethod
    def _call(script, keys: list[str], arguments: list[int]) -> int:
        try:
            return int(script(keys=keys, args=arguments))
        except redis.RedisError as exc:
            raise StoreUnavailable(str(exc)) from exc


class MemoryStore:
    """The same operations for one process, under one lock."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def spend(self, budgets: list[Budget]) -> bool:
        with self._lock:
            if len(self._counts) > MEMORY_KEYS:  # forget what has expired, now and then
                now = time.monotonic()
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            if any(self._count(b.key) >= b.amount for b in budgets):
                return False
            for b in budgets:
                count = self._count(b.key)
                expires = self._counts[b.key][1] if count else time.monotonic() + b.seconds
                self._counts[b.key] = (count + 1, expires)
            return True

    def give_back(self, budgets: list[Budget]) -> None:
        with self._lock:
            for b in budgets:
                if count := self._count(b.key):
                    self._counts[b.key] = (count - 1, self._counts[b.key][1])

    def first_use(self, key: str, seconds: int) -> bool:
        return self.spend([Budget(key, 1, seconds)])

    def _count(self, key: str) -> int:
        count, expires = self._counts.get(key, (0, 0.0))
        return count if expires > time.monotonic() else 0


def client_key(address: str, secret: bytes) -> str:
    """A keyed hash of the client: its IPv4 address, or its IPv6 /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        client = address  # a Unix socket, a test client: whatever names the peer
    else:
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
            parsed = parsed.ipv4_mapped
        if parsed.version == 6:
            client = str(ipaddress.ip_network(f"{parsed}/{IPV6_CLIENT_PREFIX}", strict=False))
        else:
            client = str(parsed)
    return hmac.new(secret, client.encode(), hashlib.sha256).hexdigest()[:32]


def report_budgets(
    client: str, company: str, kind: str, client_limits: str, company_limits: str
) -> list[Budget]:
    """Every budget a report of `kind` about `company` from `client` spends one unit of."""
    budgets = [_budget(limit, f"reports:client:{client}") for limit in parse_many(client_limits)]
    if kind not in STATUS_KINDS:
        key = f"reports:company:{kind}:{hashlib.sha256(company.encode()).hexdigest()[:32]}"
        budgets += [_budget(limit, key) for limit in parse_many(company_limits)]
    return budgets


def _budget(limit, key: str) -> Budget:
    seconds = int(limit.get_expiry())
    return Budget(f"verif:{key}:{limit.amount}/{seconds}", limit.amount, seconds)
