"""Absolute URLs come from BASE_URL, and caches can tell a fragment from a page (Vary)."""

from __future__ import annotations

import pytest

from tests.web.test_http_policy import every_get_url

BASE = "https://verif.example"
POISON = {
    "Host": "evil.example",
    "X-Forwarded-Host": "evil2.example",
    "X-Forwarded-Port": "6666",
    "X-Forwarded-Proto": "http",
    "X-Forwarded-Prefix": "/evil3",
}
# Routes whose bodies carry absolute URLs, with the arguments that make them do so.
WITH_ABSOLUTE_URLS = (
    "/",
    "/entreprises/edf",
    "/entreprises/edf.json",
    "/api/v1/companies",
    "/api/v1/search?q=edf",
    "/sitemap.xml",
    "/robots.txt",
    "/flux.atom",
    "/embed/edf",
    "/widget?q=edf",
    "/widget?q=edf&type=badge",
    "/widget?q=edf&type=iframe",
    "/oembed?url=https://verif.example/entreprises/edf",
)


@pytest.fixture(scope="module")
def canonical_app(make_app):
    return make_app(BASE_URL=BASE, TRUSTED_PROXIES="127.0.0.1")


def test_no_request_header_changes_an_absolute_url_on_any_route(canonical_app):
    client = canonical_app.test_client()
    for url in (*WITH_ABSOLUTE_URLS, *every_get_url(canonical_app)):
        answer = client.get(url, headers=POISON)
        if answer.mimetype.startswith("image/png"):  # the social image: pixels, not text
            assert answer.get_data() == client.get(url).get_data(), url
            continue
        body = answer.get_data(as_text=True)
        assert "evil" not in body and "6666" not in body, url
        assert "localhost" not in body and "http://verif.example" not in body, url


@pytest.mark.parametrize("url", WITH_ABSOLUTE_URLS)
def test_absolute_urls_are_built_from_the_base_url(canonical_app, url):
    body = canonical_app.test_client().get(url, headers=POISON).get_data(as_text=True)
    assert BASE + "/" in body, url


def test_the_widget_snippet_loads_its_script_from_the_base_url(canonical_app):
    page = canonical_app.test_client().get("/widget?q=maif", headers=POISON)
    assert f"&lt;script src=&#34;{BASE}/widget.js?v=" in page.get_data(as_text=True)


def test_a_base_url_with_a_path_is_refused_at_start_up(make_app):
    with pytest.raises(ValueError, match="BASE_URL"):
        make_app(BASE_URL="https://verif.example/sous-dossier")


@pytest.mark.parametrize(
    ("url", "trigger"), [("/recherche?q=maif", "search-input"), ("/widget?q=maif", "widget-form")]
)
def test_every_header_choosing_fragment_or_page_is_in_vary(client, url, trigger):
    asks = {
        "page": {},
        "boosted": {"HX-Request": "true", "HX-Trigger": "elsewhere"},
        "history restore": {
            "HX-Request": "true",
            "HX-Trigger": trigger,
            "HX-History-Restore-Request": "true",
        },
        "fragment": {"HX-Request": "true", "HX-Trigger": trigger},
    }
    bodies = {}
    for name, headers in asks.items():
        response = client.get(url, headers=headers)
        assert {"HX-Request", "HX-Trigger", "HX-History-Restore-Request"} <= set(response.vary), (
            name
        )
        bodies[name] = response.get_data(as_text=True)
    assert "<html" not in bodies["fragment"]
    for name in ("page", "boosted", "history restore"):
        assert "<html" in bodies[name], name


def test_the_configurator_search_spends_the_search_budget(make_app):
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_SEARCH="2 per minute").test_client()
    assert [client.get("/widget?q=maif").status_code for _ in range(2)] == [200, 200]
    assert client.get("/widget?q=edf").status_code == 429
    assert client.get("/api/v1/search?q=edf").status_code == 429
    assert client.get("/widget").status_code == 200, "the configurator alone searches nothing"
