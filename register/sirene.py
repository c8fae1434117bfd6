"""A polite client for the State's open company search (API Recherche d'entreprises).

The service is free and keyless, so it protects itself with a published limit of 7 requests
per second and answers 429 beyond it. We stay under it on our own (`RATE_PER_SECOND`), honour
`Retry-After` when we are told to wait anyway, and retry a 5xx a few times before giving up.
Waits are capped (`max_wait`) so an operator, or a test, decides how long a run may block.
Every failure is a `SireneError` with one readable line, like a failed register fetch.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from register import untrusted
from register.deadline import deadline_session
from register.source import _reason

DEFAULT_API_URL = "https://recherche-entreprises.api.gouv.fr"
RATE_PER_SECOND = 5.0  # under the documented maximum of 7 per second
RETRIES = 3
DEFAULT_MAX_WAIT = 60.0
MAX_BYTES = 1024 * 1024
ACTIVE, CEASED = "A", "C"


class SireneError(RuntimeError):
    """The API could not answer usefully; nothing is concluded about the company."""


@dataclass(frozen=True)
class LegalUnit:
    """The part of a search result that identity checks need."""

    siren: str
    name: str
    full_name: str
    acronym: str | None
    state: str
    created_on: str | None
    town: str | None

    @property
    def active(self) -> bool:
        return self.state == ACTIVE


def api_url() -> str:
    return os.environ.get("VERIF_SIRENE_API_URL", DEFAULT_API_URL).rstrip("/")


class SireneClient:
    def __init__(
        self,
        base_url: str,
        timeout: float,
        max_wait: float = DEFAULT_MAX_WAIT,
        notify: Callable[[str], None] = lambda line: None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_wait = max_wait
        self.notify = notify
        self._clock, self._sleep = clock, sleep
        self._next_slot = 0.0

    def search(self, query: str, per_page: int = 5) -> list[LegalUnit]:
        """GET /search?q=…: the legal units the service matches, best first."""
        url = f"{self.base_url}/search"
        params = {"q": query, "page": 1, "per_page": per_page}
        shown = f"{url}?q={query}"  # what the messages name: the lookup, readable
        for attempt in range(RETRIES + 1):
            self._pace()
            response = self._get(url, params, shown)
            status = response.status_code
            if status == 200:
                return _legal_units(shown, _json(shown, response))
            if status != 429 and status < 500:
                raise SireneError(f"{shown}: HTTP {status} {response.reason}")
            if attempt == RETRIES:
                raise SireneError(f"{shown}: HTTP {status} after {RETRIES} retries")
            asked = _retry_after(response.headers.get("Retry-After"))
            wait = min(asked if asked is not None else 2.0**attempt, self.max_wait)
            reason = f"Retry-After {asked:.0f} s" if asked is not None else "no Retry-After"
            self.notify(f"{shown}: HTTP {status}, waiting {wait:g} s ({reason}) before retrying")
            self._sleep(wait)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _pace(self) -> None:
        """Space requests evenly so the API's own limit is never the one that stops us."""
        now = self._clock()
        if self._next_slot > now:
            self._sleep(self._next_slot - now)
        self._next_slot = max(now, self._next_slot) + 1 / RATE_PER_SECOND

    def _get(self, url: str, params: dict[str, Any], shown: str) -> requests.Response:
        """One GET, headers and whole body, within `timeout` in all (register/deadline.py)."""
        late = f"{shown}: no complete answer within {self.timeout:g} s"
        with deadline_session(self.timeout) as (session, deadline):
            try:
                response = session.get(
                    url,
                    params=params,
                    headers={"Accept": "application/json"},
                    timeout=deadline.remaining(),
                    stream=True,
                )
                with response:
                    chunks, received = [], 0
                    for chunk in response.iter_content(64 * 1024):
                        received += len(chunk)
                        if received > MAX_BYTES:
                            raise SireneError(f"{shown}: answer larger than {MAX_BYTES} bytes")
                        chunks.append(chunk)
            except requests.RequestException as exc:
                if deadline.expired or isinstance(exc, requests.Timeout):
                    raise SireneError(late) from exc
                raise SireneError(f"{shown}: network error ({_reason(exc)})") from exc
            if deadline.expired:  # the deadline cut the connection: the body is not whole
                raise SireneError(late)
        response._content = b"".join(chunks)
        return response


def _json(url: str, response: requests.Response) -> Any:
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip() or "missing"
    try:
        return untrusted.loads(response.content.decode("utf-8"))
    except untrusted.NotJson as exc:
        raise SireneError(f"{url}: answer refused ({exc})") from exc
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError alike
        raise SireneError(f"{url}: answer is not JSON (content type {media_type})") from exc


def _legal_units(url: str, payload: Any) -> list[LegalUnit]:
    """Read the documented shape; anything else is a fault, not an empty result."""
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list):
        raise SireneError(f"{url}: answer has no 'results' list, not the documented format")
    units = []
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("siren"), str):
            raise SireneError(f"{url}: a result has no 'siren', not the documented format")
        siege = result.get("siege") if isinstance(result.get("siege"), dict) else {}
        units.append(
            LegalUnit(
                siren=result["siren"],
                name=_text(result.get("nom_raison_sociale")) or _text(result.get("nom_complet")),
                full_name=_text(result.get("nom_complet")),
                acronym=_text(result.get("sigle")) or None,
                state=_text(result.get("etat_administratif")),
                created_on=_text(result.get("date_creation")) or None,
                town=_text(siege.get("libelle_commune")) or None,
            )
        )
    return units


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, from either form the header may take (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
