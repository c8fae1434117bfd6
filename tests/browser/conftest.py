"""Browser tier: one headless Chromium per session, fresh contexts per test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.support.chromium import chromium_missing_reason, launch

    reason = chromium_missing_reason()
    if reason:
        pytest.fail(reason)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open tabs in fresh contexts (viewport, locale, JavaScript…); all closed after the test.

    Visitors are French unless a test says otherwise: Chromium would send en-US.
    """
    contexts = []

    def open_(**context_options):
        context = browser.new_context(**{"locale": "fr-FR", **context_options})
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()
