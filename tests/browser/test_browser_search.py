"""Active search in real Chromium against the real gunicorn server."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_typing_boul_suggests_boulanger_without_a_page_load(page, live_server):
    page.goto(live_server + "/")
    page.evaluate("window.__sameDocument = true")
    page.fill("#search-input", "boul")
    expect(page.locator("#results")).to_contain_text("Boulanger")
    assert page.evaluate("window.__sameDocument") is True
    expect(page).to_have_url(live_server + "/recherche?q=boul")


def test_typing_maaf_gives_no_certified_verdict(page, live_server):
    page.goto(live_server + "/")
    page.fill("#search-input", "maaf")
    expect(page.locator("#results")).to_contain_text("n'est pas dans le registre")
    expect(page.locator("#results .verdict-unconfirmed")).to_have_count(0)
