"""Response policy shared by every route: security headers, caching, methods, no cookies.

ETags are computed from the body, which already depends on the index generation, so
a register update changes them and conditional requests get 304 otherwise.

Headers are set with setdefault: a route with its own policy (an embed that may be
framed sets its own Content-Security-Policy) keeps it; everything else gets the strict one.
Caching follows the same rule, read from the response itself: a response that already says
its Cache-Control (embeds, the report form, the health check) was cached by its route, and
the default caching (Accept-Language in Vary, a body ETag, 304s) is for the others, minus
Accept-Language for a view marked `same_in_every_language` (webapp.open_data).
"""

from __future__ import annotations

import io
from typing import Any

from flask import Flask, Response, abort, current_app, make_response, render_template, request
from werkzeug.exceptions import MethodNotAllowed

from webapp.open_data import depends_on_language
from webapp.proxies import BAD_HOST

READ_METHODS = ("GET", "HEAD")
BODY_TOO_LARGE = "verif.body_too_large"
# The routes that take a body: the public report form (webapp.report_form), and the certifier API
# (webapp.api.certificates), whose batches of up to 500 records have their own, larger limit.
WRITABLE_ENDPOINTS = {"reports.submit", "certificates.publish_certificates"}
# Limits by path, not endpoint: a chunked body is measured before routing (BoundedChunkedBody).
BODY_LIMITS = {"/api/v1/certificates": "CERTIFICATES_MAX_BYTES"}
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
NO_FRAMING = "frame-ancestors 'none'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000"
# The request headers that choose between a page and its fragment (see fragment_or_page).
FRAGMENT_CHOOSERS = ("HX-Request", "HX-Trigger", "HX-History-Restore-Request")


def init_app(app: Flask) -> None:
    """Call before registering blueprints: routes then get no automatic OPTIONS answer."""
    app.wsgi_app = BoundedChunkedBody(app.wsgi_app, app.config)
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    for rule in app.url_map.iter_rules():  # the static route predates this setting
        rule.methods.discard("OPTIONS")
    app.before_request(_refuse_writes_and_bodies)
    app.after_request(_add_security_headers)
    app.after_request(_add_caching)


def body_limit(config: Any, path: str) -> int:
    return config[BODY_LIMITS.get(path, "MAX_CONTENT_LENGTH")]


def _refuse_writes_and_bodies() -> None:
    """Only the writable routes take a POST: any other route answering a write is a mistake."""
    if request.environ.get(BAD_HOST):
        abort(400)
    if request.environ.get(BODY_TOO_LARGE):
        abort(413)
    writing = request.method not in READ_METHODS and request.url_rule is not None
    if writing and request.endpoint not in WRITABLE_ENDPOINTS:
        raise MethodNotAllowed(valid_methods=list(READ_METHODS))
    limit = body_limit(current_app.config, request.path)
    request.max_content_length = limit  # what werkzeug checks when the body is read
    if (request.content_length or 0) > limit:
        abort(413)


class BoundedChunkedBody:
    """A chunked body gets the same 413 as a declared one, instead of being cut.

    werkzeug compares Content-Length with MAX_CONTENT_LENGTH; a chunked body has none, and its
    stream just ends at the limit, so the form read from the first 16 KiB passed for the whole
    (the audit stored such a report). Here such a body is read, one byte past the limit at
    most, before Flask sees the request: over the limit the request is marked for a 413;
    within it the body goes on with its real length. The limit is the path's (BODY_LIMITS), read
    from the configuration at each request."""

    def __init__(self, app: Any, config: Any):
        self.app = app
        self.config = config

    def __call__(self, environ: dict, start_response: Any) -> Any:
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            limit = body_limit(self.config, environ.get("PATH_INFO", ""))
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            if len(body) > limit:
                environ[BODY_TOO_LARGE] = True
                body = b""
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.app(environ, start_response)


def _read_at_most(stream: Any, size: int) -> bytes:
    chunks = []
    while size > 0 and (chunk := stream.read(size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _add_security_headers(response: Response) -> Response:
    headers = response.headers
    policy = headers.get("Content-Security-Policy")
    missing = [(name, value) for name, value in SECURITY_HEADERS.items() if name not in headers]
    if policy is None:
        policy = CONTENT_SECURITY_POLICY
        missing.append(("Content-Security-Policy", policy))
    if NO_FRAMING in policy and "X-Frame-Options" not in headers:
        missing.append(("X-Frame-Options", "DENY"))
    if request.is_secure and "Strict-Transport-Security" not in headers:
        missing.append(("Strict-Transport-Security", HSTS))
    headers.extend(missing)
    return response


def _add_caching(response: Response) -> Response:
    """Cache-Control, Vary and a body ETag for cacheable answers only: a `no-store` answer
    (the health check, forms, refusals) is never revalidated, so hashing its body is waste."""
    if "Cache-Control" in response.headers:
        return response
    if request.method not in READ_METHODS or response.status_code != 200:
        return response
    if response.direct_passthrough or response.is_streamed:
        return response
    response.headers.setdefault(
        "Cache-Control", f"public, max-age={current_app.config['CACHE_MAX_AGE']}"
    )
    if depends_on_language():
        response.vary.add("Accept-Language")
    if not response.get_etag()[0]:
        response.add_etag()
    return response.make_conditional(request)


def fragment_or_page(fragment: str, page: str, trigger_id: str, **context: Any) -> Response:
    """The fragment for htmx requests fired by `trigger_id`, else the whole page.

    Boosted links and history restores also send HX-Request, and want a page: every header
    that takes part in the choice is listed in Vary, so no cache hands one to the other.
    """
    htmx = request.htmx
    wanted = bool(htmx) and htmx.trigger == trigger_id and not htmx.history_restore_request
    response = make_response(render_template(fragment if wanted else page, **context))
    response.vary.update(FRAGMENT_CHOOSERS)
    return response
