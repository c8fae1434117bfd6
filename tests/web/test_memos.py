"""Answers kept in memos are the answers computed afresh, byte for byte, on any day."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.conftest import MovingClock
from webapp.memo import Memo

URLS = (
    "/api/v1/search?q=maif",
    "/api/v1/search?q=service+client+de+la+maif",
    "/api/v1/search?q=boulenger&limit=3",
    "/api/v1/search?q=552+081+317",
    "/api/v1/companies",
    "/entreprises/maif",
    "/entreprises/maif?date=2024-06-01",
    "/entreprises/552081317",
    "/entreprises/maif?lang=en",
    "/recherche?q=maif",
    "/recherche?q=boulenger",
    "/badge/maif.svg",
    "/badge/maif.svg?theme=dark&lang=en",
    "/social/maif.png",
    "/",
    "/journal",
    "/journal.json",
    "/registre.csv",
    "/flux.atom",
)


def answer(client, url: str, **headers) -> tuple[int, bytes, list[tuple[str, str]]]:
    response = client.get(url, headers=headers)
    kept = sorted((name, value) for name, value in response.headers.items() if name != "Date")
    return response.status_code, response.get_data(), kept  # Date: when it was answered


@pytest.mark.parametrize("url", URLS)
def test_a_remembered_answer_is_the_fresh_answer_byte_for_byte(make_app, url):
    warm = make_app().test_client()
    first = answer(warm, url)
    assert answer(warm, url) == first  # the second from the memos
    assert answer(make_app().test_client(), url) == first  # a new app: empty memos


def test_a_fragment_and_its_page_are_remembered_apart(make_app):
    client = make_app().test_client()
    htmx = {"HX-Request": "true", "HX-Trigger": "search-input"}
    page = client.get("/recherche?q=maif").get_data(as_text=True)
    fragment = client.get("/recherche?q=maif", headers=htmx).get_data(as_text=True)
    assert "<html" in page and "<html" not in fragment
    assert client.get("/recherche?q=maif").get_data(as_text=True) == page
    assert client.get("/recherche?q=maif", headers=htmx).get_data(as_text=True) == fragment


def test_a_page_is_remembered_per_language(make_app):
    client = make_app().test_client()
    french = client.get("/entreprises/maif", headers={"Accept-Language": "fr"}).get_data()
    english = client.get("/entreprises/maif", headers={"Accept-Language": "en"}).get_data()
    assert b'lang="fr"' in french and b'lang="en"' in english


def test_the_search_answer_names_the_host_it_was_asked_on(make_app):
    client = make_app().test_client()
    one = client.get("/api/v1/search?q=maif", headers={"Host": "one.example"}).get_json()
    two = client.get("/api/v1/search?q=maif", headers={"Host": "two.example"}).get_json()
    assert one["verdict"]["url"].startswith("http://one.example/")
    assert two["verdict"]["url"].startswith("http://two.example/")


def test_no_remembered_status_outlives_its_day(make_app):
    """MAIF's reported term ends at the earliest on 1 December 2024: the day after, a warm
    app answers as a fresh one does, not as it answered the day before."""
    clock = MovingClock(dt.date(2024, 11, 30))
    warm = make_app(CLOCK=clock).test_client()
    before = {url: answer(warm, url) for url in URLS}
    clock.day = dt.date(2024, 12, 1)
    after = {url: answer(warm, url) for url in URLS}
    fresh = make_app(CLOCK=MovingClock(clock.day)).test_client()
    for url in URLS:
        assert after[url] == answer(fresh, url), url
    assert before["/api/v1/search?q=maif"] != after["/api/v1/search?q=maif"]
    assert warm.get("/api/v1/search?q=maif").get_json()["verdict"]["status"] == "unconfirmed"


def test_a_memo_keeps_its_bound_and_forgets_the_least_recently_used():
    made = []
    kept = Memo(size=2)

    def make(key):
        made.append(key)
        return key.upper()

    for key in ("a", "b", "a", "c", "a", "b"):
        assert kept.get(key, lambda key=key: make(key)) == key.upper()
    assert made == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came
    assert len(kept) == 2


def test_a_no_store_answer_is_not_hashed_for_revalidation(client):
    health = client.get("/healthz")
    assert health.headers["Cache-Control"] == "no-store"
    assert "ETag" not in health.headers
    assert health.headers["X-Content-Type-Options"] == "nosniff"
