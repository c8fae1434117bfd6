"""The response policy on every route: security headers, framing, HTTPS, methods, bodies."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask import Response

from scripts.render_nginx import render

REQUIRED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS")
# Data blocks are never executed, so a strict script-src does not concern them.
DATA_BLOCKS = ("application/json", "application/ld+json")
PAGES = (
    "/",
    "/recherche?q=edf",
    "/recherche?q=maaf",
    "/entreprises/edf",
    "/label",
    "/labels",
    "/nulle-part",
)


def every_get_url(app) -> list[str]:
    """One concrete URL per route, placeholders filled with a real slug."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        values = {arg: "site.css" if rule.endpoint == "static" else "edf" for arg in rule.arguments}
        urls.append(adapter.build(rule.endpoint, values))
    return urls


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, handlers and style attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") not in DATA_BLOCKS:
            self.found.append("inline <script>")
        self.found += [f"{tag}[{name}]" for name in names if name.startswith("on")]
        if "style" in names:
            self.found.append(f"{tag}[style]")


def test_every_route_sends_the_security_headers_and_no_cookie(app, client):
    for url in every_get_url(app):
        response = client.get(url)
        assert response.status_code < 500, url
        for name, value in REQUIRED_HEADERS.items():
            assert response.headers.get(name) == value, (url, name)
        assert "camera=()" in response.headers["Permissions-Policy"], url
        assert re.search(
            r"script-src '(self|none)'", response.headers["Content-Security-Policy"]
        ), url
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url
        assert "Set-Cookie" not in response.headers, url


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_handler_or_style(client, url):
    parser = InlineCode()
    parser.feed(client.get(url).get_data(as_text=True))
    assert parser.found == []


@pytest.mark.parametrize("url", PAGES)
def test_pages_forbid_framing(client, url):
    response = client.get(url)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_route_that_sets_its_own_policy_keeps_it_and_may_be_framed(make_app):
    app = make_app()

    def framable() -> Response:
        response = Response("card")
        response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors *"
        return response

    app.add_url_rule("/framable-card", view_func=framable)
    response = app.test_client().get("/framable-card")
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors *")
    assert "X-Frame-Options" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_route_refuses_every_write_method(app, client):
    """Except POST on /signaler, the report form (tests/web/test_reports_form.py), and on
    /api/v1/certificates, the certifier API (tests/web/test_certifier_api.py)."""
    allowed_methods = {"/signaler": {"GET", "HEAD", "POST"}, "/api/v1/certificates": {"POST"}}
    for url in every_get_url(app):
        for method in WRITE_METHODS:
            if method == "POST" and url in allowed_methods:
                continue
            response = client.open(url, method=method)
            assert response.status_code == 405, (method, url)
            allowed = {m.strip() for m in response.headers["Allow"].split(",")}
            expected = allowed_methods.get(url, {"GET", "HEAD"})
            assert allowed == expected, (method, url)
            assert "Set-Cookie" not in response.headers


def test_a_route_declared_for_post_still_only_reads(make_app):
    app = make_app()
    app.add_url_rule("/form", view_func=lambda: "written", methods=["GET", "POST"])
    client = app.test_client()
    assert client.get("/form").status_code == 200
    assert client.post("/form").status_code == 405


def test_405_is_a_readable_page_or_problem(client):
    page = client.post("/recherche", data={"q": "edf"})
    assert "Méthode non autorisée" in page.get_data(as_text=True)
    problem = client.delete("/api/v1/search?q=edf")
    assert problem.mimetype == "application/problem+json"
    assert problem.get_json()["status"] == 405


def test_head_is_answered_like_get_without_a_body(client):
    response = client.head("/entreprises/edf")
    assert response.status_code == 200 and response.get_data() == b""
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_request_body_over_the_cap_is_refused(make_app):
    app = make_app(MAX_CONTENT_LENGTH=64)
    client = app.test_client()
    refused = client.get("/", data="x" * 65)
    assert refused.status_code == 413
    assert "trop volumineuse" in refused.get_data(as_text=True)
    assert client.get("/", data="x" * 64).status_code == 200


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://verif.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_forwarded_headers_are_ignored_unless_proxies_are_trusted(client):
    spoofed = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in spoofed.headers


def test_a_trusted_proxy_makes_forwarded_https_count_but_never_renames_the_site(make_app):
    app = make_app(TRUSTED_PROXIES="127.0.0.1")
    forwarded = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Port": "666",
    }
    response = app.test_client().get("/api/v1/search?q=edf", headers=forwarded)
    assert "Strict-Transport-Security" in response.headers
    assert response.get_json()["verdict"]["url"] == "https://localhost/entreprises/edf"


def test_forwarded_headers_from_an_address_not_listed_are_ignored(make_app):
    client = make_app(TRUSTED_PROXIES="10.0.0.0/8").test_client()
    response = client.get("/api/v1/search?q=edf", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    assert response.get_json()["verdict"]["url"] == "http://localhost/entreprises/edf"


def test_every_header_the_app_varies_on_is_in_the_nginx_cache_key(app, client, tmp_path):
    """nginx ignores Vary and trusts its key (deploy/nginx.conf.template): so the key must
    hold, normalised, every request header any response says it depends on."""
    varied: dict[str, set[str]] = {"page": set(), "embed": set()}
    for url in every_get_url(app):
        for headers in ({}, {"HX-Request": "true", "HX-Trigger": "q"}):
            vary = client.get(url, headers=headers).headers.get("Vary", "")
            kind = "embed" if url.startswith("/embed/") else "page"
            varied[kind] |= {name.strip().lower() for name in vary.split(",") if name.strip()}
    config = render(["127.0.0.1:1"], "80", tmp_path, "verif.example")
    page_key, embed_key = re.findall(r'proxy_cache_key "([^"]+)";', config)
    normalised = {"accept-language": "$reader_language", "referer": "$referer_host"}
    for kind, key in (("page", page_key), ("embed", embed_key)):
        for name in varied[kind]:
            assert normalised.get(name, "$http_" + name.replace("-", "_")) in key, (kind, name)
    assert "accept-language" in varied["page"] and "referer" in varied["embed"]


HOSTILE_HEADERS = [
    {"Host": "["},
    {"Host": "[::1"},
    {"Host": "a" * 64 + ".example"},
    {"Host": "x:notaport"},
    {"Referer": "http://["},
    {"Referer": "http://[::1]/"},
    {"Origin": "http://["},
    {"Accept-Language": "en;q=" + "9" * 400},
    {"HX-Request": "true", "HX-Trigger": "\u202e"},
]


@pytest.mark.parametrize("headers", HOSTILE_HEADERS, ids=lambda h: repr(h)[:40])
def test_no_header_value_gives_a_server_error_on_any_route(app, client, headers):
    for url in every_get_url(app):
        assert client.get(url, headers=headers).status_code < 500, url
    posted = client.post("/signaler", data={"jeton": "1.x"}, headers=headers)
    assert posted.status_code < 500
