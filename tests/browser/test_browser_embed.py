"""A retailer's page on another origin pastes the configurator's snippet; real Chromium renders it.

The retailer's page is served on another origin (tests/support/retailer_site.py).
"""

from __future__ import annotations

import html
import re

import pytest
import requests
from playwright.sync_api import expect

from tests.support.retailer_site import retailer_site
from webapp.embeds.snippets import IFRAME_HEIGHTS

pytestmark = pytest.mark.browser

RETAILER_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Revendeur</title></head>
<body><h1>Boutique de démonstration</h1>
<script>window.globalsBefore = Object.keys(window);</script>
<div style="width: 220px">{snippet}</div>
</body></html>"""


@pytest.fixture(scope="module")
def script_snippet(live_server) -> str:
    page = requests.get(f"{live_server}/widget?q=maif", timeout=10).text
    return html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))


def test_snippet_on_another_origin_shows_status_and_resizes(page, script_snippet):
    with retailer_site(RETAILER_PAGE.format(snippet=script_snippet)) as url:
        page.goto(url)
        frame = page.frame_locator("iframe")
        expect(frame.locator(".status")).to_contain_text("Non confirmée")
        expect(frame.locator(".who")).to_have_text("MAIF")
        expect(frame.locator("body")).to_contain_text("pas forcément du site qui l'affiche")
        card = page.frames[1].evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
        assert card > 150, "the narrow column makes the card taller than the iframe's start"
        expect(page.locator("iframe")).to_have_css("height", f"{card}px")
        added = page.evaluate(
            "Object.keys(window).filter(k => !globalsBefore.includes(k) && isNaN(k))"
        )
        assert sorted(added) == ["RelationClientFrance", "globalsBefore"]


def test_snippet_without_javascript_leaves_the_plain_link(browser, script_snippet):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        with retailer_site(RETAILER_PAGE.format(snippet=script_snippet)) as url:
            page.goto(url)
            link = page.locator("div[data-rcf-slug] a")
            expect(link).to_have_text("Statut Relation Client France de MAIF")
            assert link.get_attribute("href").endswith("/entreprises/maif")
            expect(page.locator("iframe")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("query", ["size=l", "lang=en&size=s", "lang=en&theme=dark"])
def test_badge_text_fits_its_box_in_a_real_font(page, live_server, query):
    """Without textLength, Chromium's own font (DejaVu Sans here) must agree with the table."""
    page.goto(f"{live_server}/badge/maif.svg?{query}")
    measures = page.evaluate(
        """() => [...document.querySelectorAll('text')].map((text, i) => {
            const box = +document.querySelectorAll('rect')[i].getAttribute('width');
            const wanted = +text.getAttribute('textLength');
            text.removeAttribute('textLength');
            return {natural: text.getComputedTextLength(), wanted, box};
        })"""
    )
    assert len(measures) == 2
    for measure in measures:
        assert measure["natural"] < measure["box"]
        assert measure["natural"] == pytest.approx(measure["wanted"], rel=0.05)


def test_configurator_previews_and_updates_the_snippet_live(page, live_server):
    page.goto(f"{live_server}/widget")
    page.evaluate("window.sameDocument = true")
    page.fill("#widget-q", "maif")
    preview = page.locator("#widget-preview")
    expect(preview.locator("h2").first).to_have_text("Statut de MAIF aujourd'hui")
    expect(preview.get_by_role("heading", name="Aperçu pour MAIF")).to_be_visible()
    expect(page.frame_locator("#widget-preview iframe").locator(".status")).to_contain_text(
        "Non confirmée"
    )
    page.select_option("select[name=theme]", "dark")
    expect(page.locator("#snippet-1")).to_have_value(re.compile(r'data-rcf-theme="dark"'))
    assert page.evaluate("window.sameDocument") is True
    expect(page).to_have_url(re.compile(r"/widget\?q=maif&type=script&theme=dark"))


@pytest.mark.parametrize("size", list(IFRAME_HEIGHTS))
def test_scriptless_iframe_height_fits_the_longest_card(browser, live_server, size):
    context = browser.new_context(viewport={"width": 300, "height": 600})
    try:
        page = context.new_page()
        page.goto(f"{live_server}/embed/maif?lang=en&size={size}", referer="http://shop.example/")
        expect(page.locator("body")).to_contain_text("not necessarily")
        height = page.evaluate("document.body.getBoundingClientRect().height")
        assert height <= IFRAME_HEIGHTS[size]
    finally:
        context.close()
