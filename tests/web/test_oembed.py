"""oEmbed: a rich response for company permalinks, 404 for anything else, 501 for XML."""

from __future__ import annotations

import html
import re

import pytest

from webapp.embeds.snippets import IFRAME_HEIGHTS

PERMALINK = "http://localhost/entreprises/maif"


def test_company_permalink_gives_a_rich_oembed(client):
    response = client.get("/oembed", query_string={"url": PERMALINK, "format": "json"})
    data = response.get_json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["html"].startswith('<iframe src="http://localhost/embed/maif"')
    assert (data["width"], data["height"]) == (416, IFRAME_HEIGHTS["m"])
    assert data["provider_url"] == "http://localhost/"


def test_discovery_link_on_the_page_resolves_to_a_frameable_card(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    href = re.search(r'type="application/json\+oembed" href="http://localhost([^"]+)"', page)
    data = client.get(html.unescape(href.group(1))).get_json()
    assert data["title"].startswith("MAIF")
    src = re.search(r'src="http://localhost([^"]+)"', data["html"]).group(1)
    card = client.get(src)
    assert card.status_code == 200
    assert "frame-ancestors *" in card.headers["Content-Security-Policy"]


def test_maxwidth_and_maxheight_are_respected(client):
    data = client.get(
        "/oembed", query_string={"url": PERMALINK, "maxwidth": "300", "maxheight": "100"}
    ).get_json()
    assert (data["width"], data["height"]) == (300, 100)
    assert 'width="300" height="100"' in data["html"]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/entreprises/inconnue",
        "http://localhost/label",
        "https://example.org/entreprises/maif",
        "javascript:alert(1)",
        "",
    ],
)
def test_unknown_url_is_404(client, url):
    assert client.get("/oembed", query_string={"url": url}).status_code == 404


def test_xml_format_is_501(client):
    response = client.get("/oembed", query_string={"url": PERMALINK, "format": "xml"})
    assert response.status_code == 501


def test_bad_maxwidth_is_400(client):
    response = client.get("/oembed", query_string={"url": PERMALINK, "maxwidth": "-3"})
    assert response.status_code == 400
