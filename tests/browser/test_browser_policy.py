"""The strict headers as Chromium applies them: nothing blocked, nothing misread, no cookie."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = (
    "/",
    "/recherche?q=maif",
    "/entreprises/edf",
    "/label",
    "/labels",
    "/widget",
    "/nulle-part",
)


def test_pages_raise_no_policy_error_in_chromium(page, live_server):
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}")
            if message.type in ("error", "warning")
            and "Failed to load resource" not in message.text
            else None
        ),
    )
    for path in PAGES:
        page.goto(live_server + path)
    page.goto(live_server + "/")
    page.fill("#search-input", "edf")
    expect(page.locator("#results")).to_contain_text("EDF")
    assert problems == []
    assert page.context.cookies() == []


def test_chromium_refuses_to_frame_a_page_but_frames_an_embed(page, live_server):
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))
    page.goto(live_server + "/label")
    page.evaluate(
        """() => {
            for (const [id, path] of [["company", "/entreprises/edf"], ["card", "/embed/maif"]]) {
                const frame = document.createElement("iframe");
                frame.id = id;
                frame.src = path;
                document.body.append(frame);
            }
        }"""
    )
    expect(page.frame_locator("#card").locator("body")).to_contain_text("MAIF")
    for _ in range(200):  # wait for Chromium's refusal message, at most 10 s
        if any("frame-ancestors 'none'" in text for text in refusals):
            break
        page.wait_for_timeout(50)
    assert [t for t in refusals if "violates" in t] == [
        t for t in refusals if "frame-ancestors 'none'" in t
    ], "the only refusal is the company page; the card rendered above"
    assert len([t for t in refusals if "frame-ancestors 'none'" in t]) == 1
