"""Certificates: certifiers publish them with a token; anyone verifies one by its number.

`POST /api/v1/certificates` is the only write in the API. It takes a bearer token, not a
cookie: a browser never attaches it on its own, so a cross-site page cannot make a
certifier's browser write (no Fetch-Metadata check needed, unlike the report form). The
token is checked against the database on every request, so a revocation is refused by every
node at once; it is hashed before any lookup and never logged. A batch is all or nothing:
register.certificates validates every record, and the candidate goes through the one
publishing path (reports.register_versions → register.publishing), validated like an
import, the live index switched, appended for the other nodes. Every authenticated write
is audited, applied or refused.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from limits import parse
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from register import RegisterError
from register.certificates import CertificateBatch, apply_certificates
from register.publishing import Publication, PublishError
from register.source import Incoming
from reports.certifiers import Certifier, authenticate, record_write
from reports.database import Database
from reports.register_versions import publish_shared
from webapp import clock, json_bodies
from webapp.api.certificates_openapi import MAX_RECORDS
from webapp.errors import problem
from webapp.open_data import json_twin
from webapp.register_sync import installer, registry_path
from webapp.served import finding, generation

bp = Blueprint("certificates", __name__, url_prefix="/api/v1")
NUMBER_MAX = 64
TOKEN_MAX = 200
REALM = 'Bearer realm="certificats"'


@bp.post("/certificates")
@json_twin
def publish_certificates() -> Response:
    account = _account()
    if account is None:
        return _unauthorized()
    refusal = _over_budget(account)
    if refusal is not None:
        return refusal
    body = _body()
    records = body.get("certificates") if isinstance(body, dict) else None
    numbers = [r.get("number") for r in records or () if isinstance(r, dict)]
    numbers = [n[:NUMBER_MAX] for n in numbers if isinstance(n, str)][:MAX_RECORDS]
    if not isinstance(records, list) or not 1 <= len(records) <= MAX_RECORDS:
        message = (
            'the body must be a JSON object {"certificates": [...]} holding 1 to '
            f"{MAX_RECORDS} certificate records"
        )
        return _refused(account, numbers, [_batch_error(message, "certificates")])
    batch: CertificateBatch | None = None

    def apply(current: dict[str, Any]) -> Incoming:
        nonlocal batch
        batch = apply_certificates(current, records, account.name, clock.today())
        if batch.errors:
            raise RegisterError([e["message"] for e in batch.errors])
        return Incoming(batch.candidate, f"certificates from {account.name}", "json")

    def audit(connection: Connection, publication: Publication) -> None:
        """Committed with the version, before the register goes live (or alone if unchanged)."""
        result = "unchanged" if publication.unchanged else "applied"
        record_write(connection, account, _now(), numbers, result)

    try:
        publish_shared(
            database(), registry_path(), apply, installer(), clock.today(), account.name, _now(),
            before_commit=audit,
        )  # fmt: skip
    except PublishError as exc:
        if batch is not None and batch.errors:
            return _refused(account, numbers, batch.errors)
        if exc.kind == "invalid":  # the register as a whole refused it, like an import would
            return _refused(account, numbers, [_batch_error(e) for e in exc.errors])
        current_app.logger.error("certificates from %s not installed: %s", account.name, exc)
        _audit(account, numbers, "failed", "\n".join(exc.errors))
        return _unavailable()
    except (SQLAlchemyError, OSError):
        current_app.logger.exception("certificates from %s not published", account.name)
        return _unavailable()
    response = jsonify(results=batch.results)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/certificates/<path:number>")
@json_twin
def certificate(number: str) -> Response:
    """A certificate, its holder, today's finding and every version published about it."""
    register = generation().register
    found = register.by_certificate(number[:NUMBER_MAX])
    if found is None:
        abort(404, description="No certificate with this number in the register.")
    company, held = found
    answer = finding(company)
    return jsonify(
        certificate={
            "number": held.number,
            **json_bodies.version_json(held.current),
            "url": url_for("certificates.certificate", number=held.number, _external=True),
        },
        company=json_bodies.company_summary_json(company, answer),
        finding=json_bodies.finding_json(answer),
        history=[json_bodies.version_json(v) for v in held.versions],
    )


def database() -> Database:
    return current_app.extensions["reports_db"]


def _now() -> dt.datetime:
    return current_app.extensions["reports_clock"]()


def _body() -> Any:
    """The JSON body; its size was checked before routing (webapp.response_policy), chunked
    or not."""
    try:
        return json.loads(request.get_data(cache=False))
    except ValueError:
        abort(400, description='The body must be JSON: {"certificates": [...]}.')


def _account() -> Certifier | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > TOKEN_MAX:
        return None
    try:
        return authenticate(database(), token, _now())
    except (SQLAlchemyError, OSError):
        current_app.logger.exception("certifier accounts unavailable")
        return None


def _unauthorized() -> Response:
    response = problem(
        401,
        "Unauthorized",
        "Send a certifier token as 'Authorization: Bearer <token>'. Missing, unknown and "
        "revoked tokens are refused alike.",
    )
    response.headers["WWW-Authenticate"] = REALM
    return response


def _over_budget(account: Certifier) -> Response | None:
    """One budget per account, shared by every node when the limiter's store is."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return None
    limiter = current_app.extensions["rate_limiter"].limiter
    budget = parse(current_app.config["RATELIMIT_CERTIFICATES"])
    try:
        if limiter.hit(budget, "certifier", str(account.id)):
            return None
        reset_at = limiter.get_window_stats(budget, "certifier", str(account.id)).reset_time
    except Exception:  # noqa: BLE001 — a store down must not stop publishing (swallow_errors)
        current_app.logger.exception("rate limit store unavailable")
        return None
    response = problem(
        429,
        "Too Many Requests",
        f"This account may publish {current_app.config['RATELIMIT_CERTIFICATES']}; "
        "send several certificates per call (up to 500).",
    )
    response.headers["Retry-After"] = str(max(1, math.ceil(reset_at - time.time())))
    response.headers["Cache-Control"] = "no-store"
    return response


def _batch_error(message: str, field: str | None = None) -> dict[str, Any]:
    return {"index": None, "field": field, "message": message}


def _refused(account: Certifier, numbers: list[str], errors: list[dict[str, Any]]) -> Response:
    _audit(account, numbers, "refused", f"{len(errors)} error(s)")
    response = problem(
        422,
        "Unprocessable Content",
        "Nothing was applied: every record below must be corrected, then the whole batch "
        "sent again.",
        errors=errors,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _audit(account: Certifier, numbers: list[str], result: str, detail: str | None = None):
    try:
        with database().writing() as connection:
            record_write(connection, account, _now(), numbers, result, detail)
    except (SQLAlchemyError, OSError):
        current_app.logger.exception("audit row not written for %s", account.name)


def _unavailable() -> Response:
    return problem(503, "Service Unavailable", "Nothing was changed. Try again later.")
