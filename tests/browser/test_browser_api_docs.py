"""/api as a reader sees it, at a phone's and a desktop's width, in French and in English: the
endpoint texts are in the page's language only, and nothing scrolls sideways but the code."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.test_api_docs_language import ENGLISH, FRENCH

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
PHRASES = {"fr": (FRENCH, ENGLISH), "en": (ENGLISH, FRENCH)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(PHRASES))
def test_the_api_page_shows_its_endpoints_in_one_language(open_page, live_server, width, lang):
    wanted, other = PHRASES[lang]
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/api?lang={lang}")
    endpoints = page.locator("section.endpoint")
    expect(endpoints.first).to_be_visible()
    text = page.locator("main").inner_text()
    assert [phrase for phrase in wanted if phrase not in text] == []
    assert [phrase for phrase in other if phrase in text] == []
    languages = endpoints.evaluate_all(
        "sections => sections.flatMap(s => [s.closest('[lang]'), ...s.querySelectorAll('[lang]')])"
        ".map(element => element.lang)"
    )
    assert set(languages) == {lang}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
