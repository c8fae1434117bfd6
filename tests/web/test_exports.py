"""Exports and feeds: parsed back with real parsers, validated by generation, 304 when unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import feedparser
import pytest

from register.csv_format import COLUMNS, FINDING_COLUMNS, csv_to_register
from webapp.exports import SOURCES_DIR

DATED_EXPORTS = ["/registre.csv", "/registre.json", "/flux.atom", "/sitemap.xml"]
EXPORTS = [*DATED_EXPORTS, "/robots.txt"]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("path", DATED_EXPORTS)
def test_export_answers_304_to_its_etag_and_to_its_date(client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_each_body_has_its_own_etag(client):
    etags = {client.get(path).headers["ETag"] for path in EXPORTS}
    assert len(etags) == len(EXPORTS)


# The day the later evidence (the AFRC interview, the trade column) entered the register.
EVIDENCE_DAY = dt.date(2026, 11, 30)
CHANGED_ON_EVIDENCE_DAY = {"edf", "leocare", "macif", "edenred", "maif"}
NEW_ON_EVIDENCE_DAY = {"leroy-merlin", "dhl", "gaz-de-bordeaux"}


@pytest.fixture
def evidence_day_client(make_app):
    return make_app(TESTING=True, CLOCK=lambda: EVIDENCE_DAY).test_client()


def test_last_modified_is_the_latest_data_or_derived_status_change_not_the_build(
    evidence_day_client,
):
    # Eleven records were written on 2026-11-29, eight written or updated on 2026-11-30 (the
    # clock's today); the reported terms' latest possible end (2026-05-20) is older.
    client = evidence_day_client
    assert client.get("/registre.json").headers["Last-Modified"] == "Mon, 30 Nov 2026 00:00:00 GMT"
    sitemap = ET.fromstring(client.get("/sitemap.xml").get_data())
    lastmods = {
        loc.text.rsplit("/", 1)[1]: lastmod.text
        for url in sitemap.iter(f"{SITEMAP_NS}url")
        for loc, lastmod in [(url.find(f"{SITEMAP_NS}loc"), url.find(f"{SITEMAP_NS}lastmod"))]
        if lastmod is not None
    }
    assert len(lastmods) == 14
    touched = CHANGED_ON_EVIDENCE_DAY | NEW_ON_EVIDENCE_DAY
    assert {slug for slug, day in lastmods.items() if day == "2026-11-30"} == touched
    assert {day for slug, day in lastmods.items() if slug not in touched} == {"2026-11-29"}


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
    assert tuple(rows[0]) == COLUMNS + FINDING_COLUMNS
    assert [r["slug"] for r in rows] == [c["slug"] for c in bundled_register_raw["companies"]]
    maif = next(r for r in rows if r["slug"] == "maif")
    assert maif["siren"] == "775709702" and maif["certificates_json"] == "[]"
    assert (maif["as_of"], maif["status"], maif["basis"]) == ("2026-11-29", "unconfirmed", "press")
    assert maif["term_end_not_after"] == "2026-05-20"
    assert maif["identity_to_verify"] == "legal_name | siren | domains"
    assert csv_to_register(raw.decode("utf-8"))["companies"][0]["slug"] == rows[0]["slug"]


def test_register_json_is_the_reviewed_register(client, bundled_register_raw):
    assert client.get("/registre.json").get_json() == bundled_register_raw


def test_atom_feed_has_one_entry_per_change_each_dated_by_its_meaning(evidence_day_client):
    client = evidence_day_client
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    kinds = [entry.id.rsplit("/", 1)[1] for entry in feed.entries]
    # Nine companies reported in 2021–2022 only: the fact at its bound, the day their status
    # changes by the passage of time (1 December 2024, reported → unconfirmed), the term's
    # end. EDF and Leocare: the same fact, then the undated interview, which has no day of
    # its own and is listed on the day it entered the register; no term end, since it may
    # report a later grant. The three companies only the interview names: that entry alone.
    # The day a dated fact entered the register is said in its entry, never an entry apart.
    assert (kinds.count("event"), kinds.count("recorded"), kinds.count("term_end")) == (
        11,
        2 + 3,
        9,
    )
    assert kinds.count("status_change") == 9 and len(kinds) == 11 + 5 + 9 + 9
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    assert ids == [e.id for e in feedparser.parse(client.get("/flux.atom").get_data()).entries]
    by_id = {e.id.rsplit(":", 1)[1]: e for e in feed.entries}
    assert "boulanger/1/recorded" not in by_id, "folded into the fact's own entry"
    fact, ended = by_id["boulanger/1/event"], by_id["boulanger/1/term_end"]
    assert fact.updated.startswith("2022-05-20")
    title = "Boulanger : certification signalée ou accordée, entre le 1er décembre 2020 et le "
    title += "20 mai 2022"
    assert fact.title == title, "lower case after the colon"
    assert "Fait ajouté à ce registre le 29 novembre 2026 : c'est la date de notre saisie" in (
        fact.summary
    )
    changed = by_id["boulanger/1/status_change"]
    assert changed.updated.startswith("2024-12-01")
    assert changed.title.startswith("Boulanger, à partir du 1er décembre 2024 : non confirmée —")
    assert ended.updated.startswith("2026-05-20")
    assert ended.title == (
        "Boulanger : fin du terme de 4 ans au plus tard le 20 mai 2026 — aucun renouvellement connu"
    )
    assert "Non confirmée" in ended.summary
    assert fact.link == "http://localhost/entreprises/boulanger"
    interview = by_id["edf/2/recorded"]
    assert interview.updated.startswith("2026-11-30") and "edf/1/term_end" not in by_id
    assert interview.title == (
        "EDF : certification signalée ou accordée, au plus tôt le 1er décembre 2020 — fait ajouté"
        " au registre le 30 novembre 2026"
    )
    assert feed.feed.updated.startswith("2026-11-30")
    titles = [entry.title for entry in feed.entries]
    assert len(set(titles)) == len(titles), "no two entries say the same"


def test_atom_feed_in_english_says_what_each_date_is(evidence_day_client):
    feed = feedparser.parse(evidence_day_client.get("/flux.atom?lang=en").get_data())
    by_id = {e.id.rsplit(":", 1)[1]: e for e in feed.entries}
    fact = by_id["maif/1/event"]
    assert fact.title == (
        "MAIF: certification reported or granted, between 1 December 2020 and 20 May 2022"
    )
    assert "Added to this register on 29 November 2026: the day we entered it, not the day" in (
        fact.summary
    )
    assert by_id["maif/1/status_change"].title.startswith("MAIF, from 1 December 2024: unconfirmed")


def test_atom_feed_lists_nothing_recorded_after_its_today(client):
    feed = feedparser.parse(client.get("/flux.atom").get_data())
    assert all(entry.updated < "2026-11-30" for entry in feed.entries)
    assert "edf/2/recorded" not in {entry.id.rsplit(":", 1)[1] for entry in feed.entries}


def test_atom_feed_has_no_entry_dated_after_today(make_app):
    early = make_app(CLOCK=lambda: dt.date(2025, 1, 1)).test_client()
    feed = feedparser.parse(early.get("/flux.atom").get_data())
    # 1 December 2024 has passed: the status change the term implies is listed, not its end.
    assert {e.id.rsplit("/", 1)[1] for e in feed.entries} == {"event", "status_change"}
    assert all(e.updated < "2025-01-02" for e in feed.entries)


def test_atom_entries_of_dated_events_carry_their_dates(dated_client):
    feed = feedparser.parse(dated_client.get("/flux.atom").get_data())
    assert not feed.bozo
    dated = [e for e in feed.entries if "exemple-fictif-date/" in e.id]
    events = [e for e in dated if e.id.endswith("/event")]
    assert [e.updated[:10] for e in events] == ["2025-09-01", "2025-06-15", "2021-06-15"]
    assert feed.feed.updated.startswith("2026-03-01")  # the first day its certificate had expired


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


def test_an_archived_source_copy_opens_from_the_page_that_cites_it(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert 'href="/sources/seed-article-fr.txt">copie archivée</a>' in page
    copy = client.get("/sources/seed-article-fr.txt")
    assert copy.status_code == 200 and copy.mimetype == "text/plain"
    assert copy.headers["Content-Type"].endswith("charset=utf-8") and copy.headers["ETag"]
    assert copy.get_data() == (SOURCES_DIR / "seed-article-fr.txt").read_bytes()
    assert client.get("/sources/..%2Fregistry%2Fregister.json").status_code == 404
    assert client.get("/sources/absent.txt").status_code == 404
