"""oEmbed: a rich response for company permalinks, 404 for anything else, 501 for XML."""

from __future__ import annotations

import pytest

PERMALINK = "http://localhost/entreprises/maif"


def test_company_permalink_gives_a_rich_oembed(client):
    response = client.get("/oembed", query_string={"url": PERMALINK, "format": "json"})
    data = response.get_json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["html"].startswith('<iframe src="http://localhost/')
    assert "maif" in data["html"]
    assert (data["width"], data["height"]) == (480, 220)
    assert data["provider_url"] == "http://localhost/"


def test_discovery_link_on_the_page_resolves(client):
    response = client.get(f"/oembed?url={PERMALINK}&format=json")
    assert response.status_code == 200 and response.get_json()["title"].startswith("MAIF")


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
