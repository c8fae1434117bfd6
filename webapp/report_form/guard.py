"""What stands between the report form and the database: origin, bots, budgets.

No cookie is involved anywhere: cross-site posts are recognised by Fetch Metadata
(`Sec-Fetch-Site`), or by `Origin` from browsers that do not send it; bots by a honeypot
field and a signed timestamp (a form sent seconds after it was served was not filled by
a person) that is good for one report; floods by daily budgets (webapp.report_form.budgets),
kept in the limiter's shared storage under keys that hold a keyed hash of the address, never
the address.
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

from register.paths import PROJECT_ROOT
from reports.submission import Submission
from webapp.report_form.budgets import (
    Budget,
    Store,
    StoreUnavailable,
    client_key,
    report_budgets,
)

HONEYPOT = "website"
TOKEN_FIELD = "jeton"
SECRET_FILE = PROJECT_ROOT / "var" / "secret-key"
TOKEN_RE = re.compile(
    r"(?P<issued>[0-9]{1,12})\.(?P<nonce>[0-9a-f]{16})\.(?P<signature>[0-9a-f]{64})"
)
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


def _signature(issued: int, nonce: str, key: bytes | None = None) -> str:
    message = f"report-form:{issued}:{nonce}".encode()
    return hmac.new(key or secret_key(), message, hashlib.sha256).hexdigest()


def issue_token(now: float, key: bytes | None = None) -> str:
    """The signed time the form was served, and a nonce that names this form alone.

    `key`: the site's SECRET_KEY, for a load generator that fills forms without fetching
    each one (bench/); the site itself signs with its configured key."""
    issued, nonce = int(now), secrets.token_hex(8)
    return f"{issued}.{nonce}.{_signature(issued, nonce, key)}"


def token_problem(token: str, now: float) -> str | None:
    """None for a good token, else why not: token_invalid, too_fast or expired."""
    match = TOKEN_RE.fullmatch(token)  # not isdigit(): "²" and "①" are digits to it
    if not match:
        return "token_invalid"
    issued, nonce, signature = int(match["issued"]), match["nonce"], match["signature"]
    if not hmac.compare_digest(signature, _signature(issued, nonce)):
        return "token_invalid"
    age = now - issued
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


def admit(submission: Submission, token: str) -> tuple[str | None, list[Budget]]:
    """Spend what this report costs, or say why not (token_used, over_budget, guard_down).

    The form's token is good for one report; then every budget the report falls under is
    checked and counted in one step (webapp.report_form.budgets). Returns the budgets spent,
    for `give_back` if the report cannot be saved."""
    store: Store = current_app.extensions["report_store"]
    budgets = []
    if current_app.config["RATELIMIT_ENABLED"]:
        client = client_key(request.remote_addr or "", secret_key())
        company = submission.company_slug or submission.company_name.lower()
        budgets = report_budgets(
            client,
            company,
            submission.kind,
            current_app.config["RATELIMIT_REPORTS_CLIENT"],
            current_app.config["RATELIMIT_REPORTS_COMPANY"],
        )
    nonce = TOKEN_RE.fullmatch(token)["nonce"]
    try:
        lifetime = current_app.config["REPORTS_MAX_AGE_SECONDS"] + 60
        if not store.first_use(f"verif:form-token:{nonce}", lifetime):
            return "token_used", []
        if budgets and not store.spend(budgets):
            return "over_budget", []
    except StoreUnavailable:
        log.warning("report guard store unavailable; report refused, input kept", exc_info=True)
        return "guard_down", []
    return None, budgets


def give_back(budgets: list[Budget]) -> None:
    """A report that was not saved costs its sender nothing."""
    try:
        current_app.extensions["report_store"].give_back(budgets)
    except StoreUnavailable:
        log.warning("report budgets not given back", exc_info=True)
