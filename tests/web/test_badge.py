"""The SVG badge: valid XML with a title, honest words, widths that follow the text, caching."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.web.conftest import frozen_clock
from webapp.embeds.text_width import text_width

SVG = "{http://www.w3.org/2000/svg}"


def parse(response) -> ET.Element:
    return ET.fromstring(response.get_data())


def message_rect_width(svg: ET.Element) -> float:
    return float(svg.findall(f"{SVG}rect")[1].get("width"))


@pytest.fixture
def certifier_client(make_app, tmp_path, write_register):
    """MAIF withdrawn, per a (fixture) certifier source: a status not only reported by press."""

    def edit(raw):
        maif = next(c for c in raw["companies"] if c["slug"] == "maif")
        maif["sources"].append(
            {
                "id": "certifier",
                "kind": "certifier",
                "title": "Fixture: certifier's list",
                "url": "https://example.org/liste",
                "covers": ["status"],
            }
        )
        maif["history"].append(
            {"date": "2026-01-15", "event": "withdrawn", "sources": ["certifier"]}
        )

    config = {"REGISTRY_PATH": str(write_register(edit)), "INDEX_DIR": str(tmp_path / "index")}
    return make_app(**config, TESTING=True, CLOCK=frozen_clock).test_client()


def test_text_width_grows_with_text_and_font_size():
    assert text_width("certifié", 11) < text_width("certifié selon la presse", 11)
    assert text_width("certifié", 11) < text_width("certifié", 14)
    assert text_width("é", 11) == text_width("e\u0301", 11), "decomposed accents are one glyph"
    assert text_width("W", 11) > text_width("i", 11)


def test_unknown_characters_count_as_wide_so_text_cannot_overflow():
    assert text_width("漢", 11) >= text_width("M", 11)


def test_badge_is_svg_with_title_and_reported_status(client):
    response = client.get("/badge/maif.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = parse(response)
    title = svg.find(f"{SVG}title").text
    assert title.startswith(
        "MAIF — Relation Client France : non confirmée. Citée comme certifiée par la presse en "
        "2021-2022."
    ), "details in the title"
    assert svg.get("aria-label") == title
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Relation Client France", "non confirmée"], "shields.io-like, page's words"
    assert "#0d5a24" not in response.get_data(as_text=True), "never the certified green"


def test_badge_boxes_are_as_wide_as_their_text(client):
    svg = parse(client.get("/badge/maif.svg?size=l"))
    for rect, text in zip(svg.findall(f"{SVG}rect"), svg.iter(f"{SVG}text"), strict=True):
        assert float(rect.get("width")) >= text_width(text.text, 13) + 2 * 7 - 0.5
        assert float(text.get("textLength")) == pytest.approx(text_width(text.text, 13), abs=0.1)


def test_badge_width_follows_the_words(client, certifier_client):
    reported = message_rect_width(parse(client.get("/badge/maif.svg")))
    withdrawn = parse(certifier_client.get("/badge/maif.svg"))
    assert [t.text for t in withdrawn.iter(f"{SVG}text")][1] == "retirée"
    assert message_rect_width(withdrawn) < reported
    small, large = (parse(client.get(f"/badge/maif.svg?size={s}")) for s in "sl")
    assert float(small.get("width")) < float(large.get("width"))
    assert float(small.get("height")) < float(large.get("height"))


def test_themes_change_colours_only(client):
    light, dark = (
        client.get(f"/badge/maif.svg?theme={t}").get_data(as_text=True) for t in ("light", "dark")
    )
    assert light != dark
    assert parse(client.get("/badge/maif.svg?theme=dark")).get("width") == parse(
        client.get("/badge/maif.svg")
    ).get("width")


def test_unknown_slug_gets_neutral_badge_with_404(client):
    response = client.get("/badge/maaf.svg")
    assert response.status_code == 404
    assert response.mimetype == "image/svg+xml"
    svg = parse(response)
    assert [t.text for t in svg.iter(f"{SVG}text")][1] == "absente du registre"
    assert "maaf" not in response.get_data(as_text=True).lower()
    assert "certifié" not in response.get_data(as_text=True)


def test_badge_caching_headers_and_304(client):
    response = client.get("/badge/maif.svg")
    assert response.headers["Cache-Control"] == "public, max-age=300, stale-while-revalidate=86400"
    etag = response.headers["ETag"]
    again = client.get("/badge/maif.svg", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    other = client.get("/badge/maif.svg?theme=dark", headers={"If-None-Match": etag})
    assert other.status_code == 200


@pytest.mark.parametrize("query", ["theme=pink", "size=xl", "lang=de"])
def test_bad_options_are_a_readable_400(client, query):
    response = client.get(f"/badge/maif.svg?{query}")
    assert response.status_code == 400
    assert "accepte" in response.get_data(as_text=True)


def test_badge_sets_no_cookie_and_may_be_loaded_cross_origin(client):
    response = client.get("/badge/maif.svg")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_english_badge_is_wider_and_still_qualified(client):
    french = parse(client.get("/badge/maif.svg"))
    english = parse(client.get("/badge/maif.svg?lang=en", headers={"Accept-Language": "fr"}))
    assert [t.text for t in english.iter(f"{SVG}text")][1] == "unconfirmed"
    assert english.find(f"{SVG}title").text.startswith(
        "MAIF — Relation Client France: unconfirmed. Reported as certified by the press in "
    )
    assert message_rect_width(english) != message_rect_width(french)


def test_badge_language_is_the_embedder_choice_not_the_visitor(client):
    response = client.get("/badge/maif.svg", headers={"Accept-Language": "en"})
    assert [t.text for t in parse(response).iter(f"{SVG}text")][1] == "non confirmée"


def test_badge_does_not_vary_on_accept_language(client):
    """Its language is `?lang=`: varying on the header would split shared caches for nothing."""
    response = client.get("/badge/maif.svg", headers={"Accept-Language": "en"})
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert response.headers["Cache-Control"].startswith("public, max-age=300")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_status_badge_fits_a_375_px_phone_at_every_size(app, lang):
    from flask_babel import force_locale

    from register import Finding
    from webapp.embeds.badge import GEOMETRIES, badge_for

    statuses = ("certified", "reported", "unconfirmed", "expired", "suspended", "withdrawn")
    findings = [
        Finding(dt.date(2026, 1, 1), status, basis, "no_evidence", 4)
        for status in (*statuses, "not_certified")
        for basis in ("press", "company")
    ]
    with app.test_request_context(), force_locale(lang):
        for size in GEOMETRIES:
            for finding in [*findings, None]:
                badge = badge_for(None, finding, "light", size)
                assert badge.width <= 360, (size, badge.message, badge.width)
