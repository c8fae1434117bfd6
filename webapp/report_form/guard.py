"""What stands between the report form and the database: origin, bots, budgets.

No cookie is involved anywhere: cross-site posts are recognised by Fetch Metadata
(`Sec-Fetch-Site`), or by `Origin` from browsers that do not send it; bots by a honeypot
field and a signed timestamp (a form sent seconds after it was served was not filled by
a person); floods by daily budgets per client and per company, kept in the limiter's
shared storage under keys that hold a keyed hash of the address, never the address.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, request
from limits import parse_many

from register.paths import PROJECT_ROOT

HONEYPOT = "website"
TOKEN_FIELD = "jeton"
SECRET_FILE = PROJECT_ROOT / "var" / "secret-key"
ISSUED_RE = re.compile(r"[0-9]{1,12}")
SAME_SITE = ("same-origin", "none")  # "none": typed in the address bar, a bookmark
log = logging.getLogger(__name__)


def secret_key() -> bytes:
    """The configured key, else one kept in var/ so every worker of this node shares it."""
    configured = current_app.config["SECRET_KEY"]
    if configured:
        return configured.encode() if isinstance(configured, str) else configured
    return _key_file(SECRET_FILE)


def _key_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}-{os.getpid()}")
        staged.write_bytes(secrets.token_bytes(32))
        staged.chmod(0o600)
        try:
            os.link(staged, path)  # fails if another worker got there first: use theirs
        except FileExistsError:
            pass
        finally:
            staged.unlink()
        return path.read_bytes()


def _signature(issued: int) -> str:
    return hmac.new(secret_key(), f"report-form:{issued}".encode(), hashlib.sha256).hexdigest()


def issue_token(now: float) -> str:
    issued = int(now)
    return f"{issued}.{_signature(issued)}"


def token_problem(token: str, now: float) -> str | None:
    """None for a good token, else why not: token_invalid, too_fast or expired."""
    issued_text, _, signature = token.partition(".")
    if not ISSUED_RE.fullmatch(issued_text):  # not isdigit(): "²" and "①" are digits to it
        return "token_invalid"
    if not hmac.compare_digest(signature, _signature(int(issued_text))):
        return "token_invalid"
    age = now - int(issued_text)
    if age < current_app.config["REPORTS_MIN_SECONDS"]:
        return "too_fast"
    if age > current_app.config["REPORTS_MAX_AGE_SECONDS"]:
        return "expired"
    return None


def is_cross_site() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE
    origin = request.headers.get("Origin")
    if origin is None:
        return False  # neither header: not a browser that could be tricked into posting
    try:
        parts = urlsplit(origin)
    except ValueError:  # "http://[": no site at all, so not this one
        return True
    return f"{parts.scheme}://{parts.netloc}" != request.host_url.rstrip("/")


def over_daily_budget(company_key: str) -> bool:
    """Count one report for this client and this company; True when a budget is spent.

    Both are checked before either is counted, so a refused report costs nothing. A limiter
    store that is down lets reports through: losing a report is worse than a flood.
    """
    if not current_app.config["RATELIMIT_ENABLED"]:
        return False
    address = (request.remote_addr or "").encode()
    client = hmac.new(secret_key(), address, hashlib.sha256).hexdigest()[:32]
    budgets = [
        *((limit, "reports-client", client) for limit in _limits("RATELIMIT_REPORTS_CLIENT")),
        *(
            (limit, "reports-company", company_key)
            for limit in _limits("RATELIMIT_REPORTS_COMPANY")
        ),
    ]
    try:
        strategy = current_app.extensions["rate_limiter"].limiter
        if not all(strategy.test(limit, scope, key) for limit, scope, key in budgets):
            return True
        for limit, scope, key in budgets:
            strategy.hit(limit, scope, key)
    except Exception:  # any storage failure: count nothing, keep the report
        log.warning("report budgets unavailable; report accepted uncounted", exc_info=True)
    return False


def _limits(key: str):
    return parse_many(current_app.config[key])
