"""Where an incoming register comes from: a local file or an https:// URL, JSON or CSV.

Everything that can go wrong before validation (network, timeouts, redirects to another
host, oversized bodies, a login page served instead of data) becomes a `SourceError`
with one readable line, never a traceback: the person running an import is not
expected to read urllib3 internals.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from register import untrusted
from register.csv_format import BOM, DELIMITER, CsvFormatError, csv_to_register, unreadable_line
from register.deadline import Deadline, deadline_session
from register.model import RegisterError

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
CONTENT_TYPES = {
    "application/json": "json",
    "text/csv": "csv",
}
EXTENSIONS = {".json": "json", ".csv": "csv"}


class SourceError(RuntimeError):
    """The register could not be fetched or read; nothing was changed."""


class NotModified(Exception):
    """The upstream answered 304: its register is the version our validators name."""


@dataclass(frozen=True)
class Validators:
    """What an upstream said identifies the version it sent, to ask next time "changed since?"."""

    etag: str | None = None
    last_modified: str | None = None

    def request_headers(self) -> dict[str, str]:
        headers = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in headers.items() if value}


@dataclass(frozen=True)
class Incoming:
    raw: Any
    origin: str
    format: str
    record_lines: tuple[int, ...] = ()  # CSV: the line each record starts on
    validators: Validators | None = None  # URL sources: what to send on the next fetch


def load_incoming(
    location: str, timeout: float = DEFAULT_TIMEOUT, validators: Validators | None = None
) -> Incoming:
    """Fetch or read, then decode; SourceError, or CsvFormatError listing every bad CSV line.

    With `validators`, a URL is fetched conditionally and NotModified raised on a 304.
    """
    received = None
    if location.startswith("https://"):
        body, kind, received = _fetch(location, timeout, validators or Validators())
    elif "://" in location:
        raise SourceError(f"{location}: only https:// URLs or local files are accepted")
    else:
        body, kind = _read(Path(location))
    text = _decode(body, location)
    if kind == "json":
        return Incoming(_parse_json(text, location), location, kind, validators=received)
    lines = _csv_record_lines(text)
    return Incoming(csv_to_register(text), location, kind, lines, validators=received)


def _read(path: Path) -> tuple[bytes, str]:
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise SourceError(f"{path}: unknown format, expected a .json or .csv file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{path}: {size} bytes, larger than the {MAX_BYTES}-byte limit")
        return path.read_bytes(), kind
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _fetch(url: str, timeout: float, validators: Validators) -> tuple[bytes, str, Validators]:
    """GET within one overall deadline, following redirects only within the same https host.

    `timeout` bounds the whole exchange, redirects, headers and body included: a server that
    keeps sending a byte now and then never trips a per-read timeout (register/deadline.py).
    """
    host = urlsplit(url).hostname
    current = url
    late = f"no complete answer within {timeout:g} s"
    with deadline_session(timeout) as (session, deadline):
        session.headers.update(validators.request_headers())
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = session.get(
                    current, timeout=deadline.remaining(), stream=True, allow_redirects=False
                )
            except requests.RequestException as exc:
                if deadline.expired or isinstance(exc, requests.Timeout):
                    raise SourceError(f"{current}: {late}") from exc
                raise SourceError(f"{current}: network error ({_reason(exc)})") from exc
            with response:
                if response.is_redirect:
                    current = _redirect_target(current, response, host)
                    continue
                if response.status_code == 304:
                    raise NotModified(current)
                received = Validators(
                    response.headers.get("ETag"), response.headers.get("Last-Modified")
                )
                return (*_body(current, response, deadline), received)
    raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _redirect_target(current: str, response: requests.Response, host: str | None) -> str:
    target = urljoin(current, response.headers.get("Location", ""))
    parts = urlsplit(target)
    if parts.scheme != "https" or parts.hostname != host:
        raise SourceError(f"{current}: redirects to {target}, another host or scheme; refused")
    return target


def _body(url: str, response: requests.Response, deadline: Deadline) -> tuple[bytes, str]:
    if response.status_code != 200:
        raise SourceError(f"{url}: HTTP {response.status_code} {response.reason}")
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    kind = CONTENT_TYPES.get(media_type)
    if kind is None:
        expected = " or ".join(CONTENT_TYPES)
        raise SourceError(f"{url}: content type {media_type or 'missing'}, expected {expected}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise SourceError(f"{url}: {declared} bytes announced, over the {MAX_BYTES}-byte limit")
    late = f"{url}: no complete answer within {deadline.seconds:g} s"
    chunks, received = [], 0
    try:
        while chunk := response.raw.read1(64 * 1024, decode_content=True):
            received += len(chunk)
            if received > MAX_BYTES:
                raise SourceError(f"{url}: body larger than the {MAX_BYTES}-byte limit")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        if deadline.expired:
            raise SourceError(late) from exc
        raise SourceError(f"{url}: connection broken while reading ({_reason(exc)})") from exc
    if deadline.expired:  # the deadline cut the connection: what arrived is not the whole body
        raise SourceError(late)
    return b"".join(chunks), kind


def _reason(exc: Exception) -> str:
    """The innermost cause, which names the real problem (refused, DNS, certificate...)."""
    cause: BaseException = exc
    while cause.__context__ is not None and cause.__context__ is not cause:
        cause = cause.__context__
    return str(cause).splitlines()[0][:200] or type(cause).__name__


def _decode(body: bytes, origin: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise SourceError(f"{origin}:{line}: not UTF-8 (byte {exc.start})") from exc


def _parse_json(text: str, origin: str) -> Any:
    try:
        return untrusted.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{origin}:{exc.lineno}: invalid JSON ({exc.msg})") from exc
    except untrusted.NotJson as exc:
        raise RegisterError([f"{origin}: {exc}"]) from exc


def _csv_record_lines(text: str) -> tuple[int, ...]:
    """Line on which each data row starts (a quoted cell may span several lines)."""
    reader = csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=DELIMITER)
    starts: list[int] = []
    previous_end = 0
    try:
        next(reader, None)
        previous_end = reader.line_num
        for _row in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise CsvFormatError([unreadable_line(previous_end + 1, exc)]) from exc
    return tuple(starts)
