"""The citation copy button in real Chromium: added by JavaScript, absent without it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_copy_button_puts_the_full_citation_on_the_clipboard(browser, live_server):
    context = browser.new_context(locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(live_server + "/entreprises/edf")
        citation = page.locator("#citation-full")
        page.locator(".citation .copy-button").first.click()
        expect(page.locator(".citation .copy-status").first).to_have_text(
            "Copié dans le presse-papiers"
        )
        assert page.evaluate("navigator.clipboard.readText()") == citation.inner_text().strip()
        assert errors == []
    finally:
        context.close()


def test_without_javascript_there_is_no_button_and_the_text_is_there(browser, live_server):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/entreprises/edf")
        expect(page.locator("#citation-full")).to_contain_text(f"{live_server}/entreprises/edf")
        expect(page.locator(".copy-button")).to_have_count(0)
    finally:
        context.close()
