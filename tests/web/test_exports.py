"""Exports and feeds: parsed back with real parsers, validated by generation, 304 when unchanged."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import feedparser
import pytest

from register.csv_format import COLUMNS, csv_to_register

EXPORTS = ["/registre.csv", "/registre.json", "/flux.atom", "/sitemap.xml", "/robots.txt"]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("path", EXPORTS)
def test_export_answers_304_to_its_etag_and_to_its_date(client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_validators_change_with_the_generation(client, dated_client):
    assert (
        client.get("/registre.csv").headers["ETag"]
        != dated_client.get("/registre.csv").headers["ETag"]
    )


def test_csv_parses_back_with_the_csv_module(client, bundled_register_raw):
    response = client.get("/registre.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    assert [r["slug"] for r in rows] == [c["slug"] for c in bundled_register_raw["companies"]]
    maif = next(r for r in rows if r["slug"] == "maif")
    assert maif["siren"] == "775709702" and maif["certificate_number"] == ""
    assert csv_to_register(raw.decode("utf-8"))["companies"][0]["slug"] == rows[0]["slug"]


def test_register_json_is_the_reviewed_register(client, bundled_register_raw):
    assert client.get("/registre.json").get_json() == bundled_register_raw


def test_atom_feed_has_one_entry_per_history_event_with_stable_ids(client, bundled_register_raw):
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    events = sum(len(c["history"]) for c in bundled_register_raw["companies"])
    assert len(feed.entries) == events
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    assert "tag:localhost,2026:boulanger/1/sans-date" in ids
    assert ids == [e.id for e in feedparser.parse(client.get("/flux.atom").get_data()).entries]
    boulanger = next(e for e in feed.entries if e.id.endswith("boulanger/1/sans-date"))
    assert boulanger.link == "http://localhost/entreprises/boulanger"
    assert "date de l'événement non publiée" in boulanger.summary


def test_atom_entries_of_dated_events_carry_their_dates(dated_client):
    feed = feedparser.parse(dated_client.get("/flux.atom").get_data())
    assert not feed.bozo
    dated = [e for e in feed.entries if "exemple-fictif-date/" in e.id]
    assert [e.id.rsplit(":", 1)[1] for e in dated] == [
        "exemple-fictif-date/3/2025-09-01",
        "exemple-fictif-date/2/2025-06-15",
        "exemple-fictif-date/1/2021-06-15",
    ]
    assert dated[0].updated.startswith("2025-09-01")
    assert feed.feed.updated.startswith("2025-09-01")


def test_sitemap_lists_every_company_page(client, bundled_register_raw):
    root = ET.fromstring(client.get("/sitemap.xml").get_data())
    locations = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    for company in bundled_register_raw["companies"]:
        assert f"http://localhost/entreprises/{company['slug']}" in locations
    assert "http://localhost/api" in locations


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert "User-agent: *" in body and "Sitemap: http://localhost/sitemap.xml" in body
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("path", ["/registre.csv", "/registre.json", "/flux.atom"])
def test_open_data_files_may_be_fetched_from_any_origin(client, path):
    assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"


def test_every_page_advertises_the_feed_and_links_the_data(client):
    page = client.get("/label").get_data(as_text=True)
    assert (
        '<link rel="alternate" type="application/atom+xml" href="http://localhost/flux.atom"'
        in page
    )
    assert 'href="/api"' in page and 'href="/registre.csv"' in page
