"""Hostile parameter names and values on every route: never a 5xx, always the security headers,
and error pages that do not depend on the query string.

Names are drawn from what broke before (url_for's own keywords, view-argument names) and from
every name a route reads; values from Unicode digits, malformed URLs and control characters.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.test_hostile_input import ANY_CHARACTER
from tests.web.test_http_policy import REQUIRED_HEADERS, every_get_url

PROPERTY = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
URL_FOR_KEYWORDS = ["_external", "_anchor", "_method", "_scheme", "endpoint", "values"]
VIEW_ARGUMENTS = ["slug", "filename"]
READ_BY_ROUTES = [
    "q", "lang", "date", "limit", "status", "url", "format", "maxwidth", "maxheight",
    "theme", "size", "type", "embed_lang", "v",
]  # fmt: skip
NAMES = st.one_of(
    st.sampled_from(URL_FOR_KEYWORDS + VIEW_ARGUMENTS + READ_BY_ROUTES),
    st.lists(ANY_CHARACTER, min_size=1, max_size=8).map("".join),
)
VALUES = st.one_of(
    st.sampled_from(
        ["²", "١٢", "٣", "𝟗", "10²", "-1", "0", "99999999999999999999", "http://[", "https://[::1",
         "http://localhost/entreprises/edf", "//evil.example/x", "%", "%zz", "\x00", "fr", "en",
         "2023-02-30", "0000-01-01", "", "json", "xml", "maif"]
    ),
    st.lists(ANY_CHARACTER, max_size=12).map("".join),
)  # fmt: skip
PARAMETERS = st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=4)
# The routes are shared out among this many test cases so parallel runs (make test-fast) can
# spread them; every case draws the same examples, so each route meets all of them.
ROUTE_SHARES = 4


def encode(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def query_string(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


@pytest.fixture(scope="module")
def hostile_app(make_app):
    return make_app()


@pytest.fixture(scope="module")
def routes(hostile_app) -> list[str]:
    return every_get_url(hostile_app)


@pytest.mark.parametrize("share", range(ROUTE_SHARES))
@PROPERTY
@given(pairs=PARAMETERS, htmx=st.booleans())
def test_no_parameter_name_or_value_gives_a_server_error_on_any_route(
    hostile_app, routes, share, pairs, htmx
):
    client = hostile_app.test_client()
    headers = {"HX-Request": "true", "HX-Trigger": "search-input"} if htmx else {}
    for route in routes[share::ROUTE_SHARES]:
        response = client.get(route, query_string=query_string(pairs), headers=headers)
        assert response.status_code < 500, (route, pairs, response.status_code)
        for name, value in REQUIRED_HEADERS.items():
            assert response.headers.get(name) == value, (route, pairs, name)
        assert "Content-Security-Policy" in response.headers, (route, pairs)
        assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "pairs",
    [
        [("_external", "1")],
        [("_anchor", "x"), ("_method", "POST"), ("_scheme", "javascript")],
        [("slug", "maif"), ("endpoint", "api.search")],
        [("values", "{}"), ("filename", "../../etc/passwd")],
        [("limit", "²"), ("maxwidth", "١٢"), ("date", "2023-02-30")],
        [("url", "http://["), ("format", "yaml")],
    ],
)
def test_the_colliding_names_once_seen_in_production_are_answered(client, pairs):
    for route in ("/", "/recherche", "/entreprises/edf", "/api/v1/search", "/oembed", "/widget"):
        response = client.get(route, query_string=query_string(pairs))
        assert response.status_code < 500, (route, pairs)


@pytest.mark.parametrize(
    ("url", "code"),
    [("/nulle-part", 404), ("/recherche?q=" + "x" * 300, 400), ("/api", 405)],
)
def test_error_pages_do_not_depend_on_the_query_string(client, url, code):
    method = "POST" if code == 405 else "GET"
    plain = client.open(url, method=method)
    joiner = "&" if "?" in url else "?"
    noisy = client.open(
        url + joiner + "_external=1&slug=x&endpoint=y&theme=evil&utm_source=" + encode("<x>"),
        method=method,
    )
    assert plain.status_code == noisy.status_code == code
    assert noisy.get_data() == plain.get_data()


def test_the_500_page_renders_whatever_the_parameters_and_keeps_the_security_headers(make_app):
    app = make_app()

    def broken() -> str:
        raise RuntimeError("a bug")

    app.add_url_rule("/broken", view_func=broken)
    client = app.test_client()
    plain = client.get("/broken")
    noisy = client.get("/broken?_external=1&_anchor=x&slug=y&lang=en&q=" + encode("\udc80"))
    assert plain.status_code == noisy.status_code == 500
    assert "Erreur du serveur" in plain.get_data(as_text=True)
    assert "Server error" in noisy.get_data(as_text=True)
    for response in (plain, noisy):
        for name, value in REQUIRED_HEADERS.items():
            assert response.headers[name] == value
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_unicode_digits_are_not_numbers(client):
    for url in (
        "/api/v1/search?q=edf&limit=²",
        "/oembed?url=http://localhost/entreprises/edf&maxwidth=١٢",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.mimetype == "application/problem+json", url


def test_json_routes_answer_problems_in_json_wherever_they_live(client):
    for url in (
        "/oembed?format=yaml",
        "/entreprises/maif.json?date=hier",
        "/api/v1/nulle-part",
        "/api/v1/companies?status=",
    ):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert response.mimetype == "application/problem+json", url
        assert response.get_json()["status"] == response.status_code
    assert client.get("/entreprises/maif?date=hier").mimetype == "text/html"
