"""Retailers' /widget in Chromium, at 1280 and 375 px, in French and English: the company's
status in words above the code, its action, a copy button per snippet, the look-alike warning,
and a footer link that leads there (issue 22 #5)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"mobile": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}
WORDS = {
    "fr": {
        "status": "Statut de MAIF aujourd'hui",
        "action": "Vous êtes MAIF ? Envoyez votre certificat",
        "copy": "Copier",
        "look_alike": "ce n'est peut-être pas l'entreprise cherchée",
        "footer": "Afficher un statut sur votre site",
    },
    "en": {
        "status": "MAIF's status today",
        "action": "Are you MAIF? Send your certificate",
        "copy": "Copy",
        "look_alike": "possibly not the company you are looking for",
        "footer": "Show a status on your website",
    },
}
CASES = [(view, lang) for view in VIEWPORTS for lang in WORDS]


@pytest.mark.parametrize(("view", "lang"), CASES)
def test_widget_says_the_status_above_the_code_with_a_copy_button_per_snippet(
    open_page, live_server, view, lang
):
    page = open_page(viewport=VIEWPORTS[view])
    page.goto(f"{live_server}/widget?q=maif&lang={lang}")
    status = page.locator("section.verdict")
    expect(status.get_by_role("heading")).to_have_text(WORDS[lang]["status"])
    expect(status.get_by_role("link", name=WORDS[lang]["action"])).to_be_visible()
    snippets = page.locator("textarea.snippet")
    assert status.bounding_box()["y"] < snippets.first.bounding_box()["y"]
    buttons = page.locator(".snippets .copy-button")
    expect(buttons).to_have_count(snippets.count())
    expect(buttons.first).to_have_text(WORDS[lang]["copy"])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", WORDS)
def test_widget_warns_that_a_look_alike_may_not_be_the_company(open_page, live_server, lang):
    page = open_page(viewport=VIEWPORTS["mobile"])
    page.goto(f"{live_server}/widget?q=maaf&lang={lang}")
    expect(page.locator("main li").filter(has_text="MAIF")).to_contain_text(
        WORDS[lang]["look_alike"]
    )


@pytest.mark.parametrize("lang", WORDS)
def test_the_footer_leads_retailers_to_the_widget(open_page, live_server, lang):
    page = open_page(viewport=VIEWPORTS["desktop"])
    page.goto(f"{live_server}/?lang={lang}")
    page.locator("footer").get_by_role("link", name=WORDS[lang]["footer"]).click()
    expect(page).to_have_url(f"{live_server}/widget?lang={lang}")
