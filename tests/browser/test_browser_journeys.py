"""Consumer journeys in real Chromium, with JavaScript on and off, in French and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def search_by_enter(page, query: str) -> None:
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")


def test_typing_then_enter_lands_on_a_verdict_in_words(page, live_server):
    page.goto(live_server + "/")
    page.locator("#search-input").press_sequentially("boul")
    expect(page.locator("#results")).to_contain_text("Boulanger")
    page.locator("#search-input").press_sequentially("anger")
    page.press("#search-input", "Enter")
    expect(page).to_have_url(live_server + "/recherche?q=boulanger")
    verdict = page.locator(".verdict-unconfirmed")
    expect(verdict).to_contain_text("Non confirmée")
    verdict.get_by_role("link", name="Boulanger", exact=True).click()
    expect(page.locator("h1")).to_have_text("Boulanger")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_journeys_work_with_and_without_javascript(open_page, live_server, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(live_server + "/")
    search_by_enter(page, "boul")
    expect(page).to_have_url(live_server + "/recherche?q=boul")
    expect(page.locator("#results .suggestions")).to_contain_text("Boulanger")
    search_by_enter(page, "boulanger")
    expect(page.locator("#results .verdict-unconfirmed")).to_contain_text("Boulanger")
    search_by_enter(page, "maaf")
    expect(page.locator("#results")).to_contain_text("« maaf » n'est pas dans le registre")
    expect(page.locator("#results .verdict-unconfirmed")).to_have_count(0)
    expect(page.locator("#results .suggestions")).not_to_contain_text("MAAF")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_english_reader_searches_and_switches_to_french(open_page, live_server, javascript):
    page = open_page(locale="en-GB", java_script_enabled=javascript)
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    search_by_enter(page, "maaf")
    expect(page.locator("#results")).to_contain_text("“maaf” is not in the register")
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"/recherche\?q=maaf&lang=fr$"))
    expect(page.locator("#results")).to_contain_text("« maaf » n'est pas dans le registre")
    page.get_by_role("link", name="Le label").click()
    expect(page).to_have_url(live_server + "/label?lang=fr")
    expect(page.locator("h1")).to_have_text("Le label Relation Client France")


def test_chosen_english_survives_active_search_and_the_form(page, live_server):
    page.goto(live_server + "/?lang=en")
    page.fill("#search-input", "boul")
    expect(page.locator("#results")).to_contain_text("Did you mean…?")
    expect(page).to_have_url(live_server + "/recherche?lang=en&q=boul")
    page.fill("#search-input", "maif")
    page.press("#search-input", "Enter")
    expect(page).to_have_url(live_server + "/recherche?q=maif&lang=en")
    expect(page.locator(".verdict-unconfirmed")).to_contain_text("Unconfirmed")


def skip_to_the_search_box(page) -> None:
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#search-input")).to_be_focused()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_keyboard_only_visitor_reaches_a_company_page(open_page, live_server, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(live_server + "/")
    skip_to_the_search_box(page)
    page.keyboard.type("ma")
    if not javascript:
        page.keyboard.press("Enter")
        expect(page).to_have_url(live_server + "/recherche?q=ma")
        skip_to_the_search_box(page)
    expect(page.locator("#results .suggestions a")).to_have_count(2)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Vérifier")).to_be_focused()
    page.keyboard.press("Tab")
    first_result = page.locator("#results .suggestions a").first
    expect(first_result).to_be_focused()
    outline = first_result.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline == "solid", "keyboard focus must be visible"
    name = first_result.inner_text()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(name)


def test_switching_language_after_active_search_keeps_the_search(page, live_server):
    page.goto(live_server + "/")
    page.fill("#search-input", "boul")
    expect(page).to_have_url(live_server + "/recherche?q=boul")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server + "/recherche?q=boul&lang=en")
    expect(page.locator("#results")).to_contain_text("Did you mean…?")
