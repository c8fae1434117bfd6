"""What a modern site is expected to do: loading cue, debounce, shareable URLs, print, phones."""

from __future__ import annotations

import re
import struct
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"mobile": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SCREENSHOT_PAGES = {
    "home": "/",
    "results": "/recherche?q=boulanger",
    "company": "/entreprises/boulanger",
    "labels-guide": "/labels",
    "labels-guide-en": "/labels?lang=en",
}


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_indicator_shows_while_the_search_is_in_flight(page, live_server):
    held = []
    page.route(re.compile(r"/recherche\?"), lambda route: held.append(route))
    page.goto(live_server + "/")
    indicator = page.locator("#search-indicator")
    expect(indicator).to_be_hidden()
    page.fill("#search-input", "boul")
    expect(indicator).to_be_visible()
    _wait_until(page, lambda: held)  # the indicator may show before the handler has run
    held[0].continue_()
    expect(page.locator("#results")).to_contain_text("Boulanger")
    expect(indicator).to_be_hidden()


def _wait_until(page, condition) -> None:
    """Let Playwright dispatch its events until `condition()` holds (route handlers run only
    while the test waits on the page); a bounded number of short turns, not one long sleep."""
    for _ in range(500):
        if condition():
            return
        page.wait_for_timeout(20)
    raise AssertionError("condition not met")


def test_typing_sends_one_request_after_the_pause(page, live_server):
    sent = []
    page.on("request", lambda request: "/recherche" in request.url and sent.append(request.url))
    page.clock.install()
    page.goto(live_server + "/")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.locator("#search-input").press_sequentially("boul")
    page.clock.run_for(200)
    assert sent == [], "no request while the visitor is still typing"
    page.clock.run_for(100)
    expect(page.locator("#results")).to_contain_text("Boulanger")
    assert sent == [live_server + "/recherche?q=boul"]


def test_back_and_forward_restore_the_search(page, live_server):
    page.goto(live_server + "/")
    page.fill("#search-input", "boul")
    expect(page).to_have_url(live_server + "/recherche?q=boul")
    page.go_back()
    expect(page).to_have_url(live_server + "/")
    expect(page.locator("#results")).to_be_empty()
    page.go_forward()
    expect(page.locator("#search-input")).to_have_value("boul")
    expect(page.locator("#results")).to_contain_text("Boulanger")


def test_pages_load_nothing_broken_and_nothing_third_party(page, live_server):
    problems = []
    # Moving on to the next page aborts fetches still in flight (the favicon): not a fault.
    page.on(
        "requestfailed",
        lambda request: (
            "ERR_ABORTED" not in (request.failure or "")
            and problems.append(("failed", request.url, request.failure))
        ),
    )
    page.on("response", lambda r: r.status >= 400 and problems.append((r.status, r.url)))
    page.on("console", lambda m: m.type == "error" and problems.append(("console", m.text)))
    origins = set()
    page.on("request", lambda request: origins.add(urlsplit(request.url).netloc))
    for path in SCREENSHOT_PAGES.values():
        page.goto(live_server + path)
        expect(page.locator("h1")).to_have_count(1)
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["start_url"] == "/"
    icon = page.request.get(live_server + "/static/" + manifest["icons"][0]["src"])
    assert icon.ok and icon.headers["content-type"].startswith("image/svg+xml")
    assert problems == []
    assert origins == {urlsplit(live_server).netloc}


def test_company_page_prints_without_navigation_and_with_source_addresses(
    page, live_server, screenshot_dir
):
    page.goto(live_server + "/entreprises/boulanger")
    page.emulate_media(media="print")
    hidden_on_paper = (".site-header nav", ".language-switch", ".site-footer", ".as-of-form")
    for hidden in hidden_on_paper:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Boulanger")
    expect(page.locator(".verdict .status")).to_contain_text("Non confirmée")
    expect(page.locator(".citation-text").first).to_be_visible()
    expect(page.locator("button.copy-button")).to_have_count(2)
    expect(page.locator("button.copy-button").first).to_be_hidden()
    first_source = page.locator(".sources a[href^='http']").first
    after = first_source.evaluate("a => getComputedStyle(a, '::after').content")
    assert first_source.get_attribute("href") in after
    printed = screenshot_dir / "company-print.pdf"
    page.pdf(path=printed, format="A4")
    assert printed.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_pages_fit_the_screen_and_are_captured(open_page, live_server, screenshot_dir, viewport):
    page = open_page(viewport=VIEWPORTS[viewport])
    for name, path in SCREENSHOT_PAGES.items():
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {viewport} width"
        shot = screenshot_dir / f"{name}-{viewport}.png"
        page.screenshot(path=shot, full_page=True)
        width, height = png_size(shot)
        assert width == VIEWPORTS[viewport]["width"] and height >= VIEWPORTS[viewport]["height"]
