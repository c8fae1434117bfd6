"""The Atom feed is paged (RFC 5005): the newest entries first, the rest a link away, so no
request renders a large register's whole history."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from bench.synth_registry import write_synthetic
from webapp.exports.feed import FEED_PAGE_SIZE


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("feed-paging")
    return directory, write_synthetic(250, directory, queries=10)


@pytest.fixture
def client(make_app, synthetic_site):
    directory, register_path = synthetic_site
    app = make_app(
        INDEX_DIR=str(directory / "index"),
        REGISTRY_PATH=str(register_path),
        CLOCK=lambda: dt.date(2026, 11, 29),
    )
    return app.test_client()


def links(feed) -> dict[str, str]:
    return {link.rel: link.href for link in feed.feed.links if link.rel != "alternate"}


def test_following_next_links_reads_every_entry_once_newest_first(client):
    url, seen, pages = "/flux.atom", [], 0
    while url:
        feed = feedparser.parse(client.get(url).get_data())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) <= FEED_PAGE_SIZE
        seen += [(entry.updated, entry.id) for entry in feed.entries]
        url = links(feed).get("next", "").removeprefix("http://localhost")
        pages += 1
    assert pages > 2, "250 companies give more than two pages of entries"
    assert len(set(seen)) == len(seen)
    dates = [updated for updated, _ in seen]
    assert dates == sorted(dates, reverse=True)


def test_each_page_links_first_last_and_its_neighbours(client):
    first = feedparser.parse(client.get("/flux.atom").get_data())
    paging = links(first)
    assert paging["self"] == paging["first"] == "http://localhost/flux.atom"
    assert paging["next"] == "http://localhost/flux.atom?page=2" and "previous" not in paging
    last_url = paging["last"].removeprefix("http://localhost")
    last = links(feedparser.parse(client.get(last_url).get_data()))
    assert "next" not in last and last["self"] == paging["last"]
    assert last["previous"].endswith(f"page={int(last_url.rsplit('=', 1)[1]) - 1}")


@pytest.mark.parametrize("page", ["999", "0", "x", "-1"])
def test_a_page_that_does_not_exist_is_refused(client, page):
    assert client.get(f"/flux.atom?page={page}").status_code in (400, 404)
