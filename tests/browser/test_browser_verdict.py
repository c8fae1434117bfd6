"""The verdict a reader lands on: the plain sentence and what to do, on the first screen,
at a phone's and a desktop's width, in French and English; the home list has its key."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
WORDS = {
    "fr": ("Citée comme certifiée par la presse en 2021-2022", "Que faire ?", "Non confirmée"),
    "en": ("Reported as certified by the press in 2021-2022", "What can you do?", "Unconfirmed"),
}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_maif_verdict_and_its_next_steps_fit_the_first_screen(
    open_page, live_server, width, lang
):
    sentence, next_steps, _ = WORDS[lang]
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/entreprises/maif?lang={lang}")
    verdict = page.locator("section.verdict")
    expect(verdict.locator(".explanation")).to_contain_text(sentence)
    steps = verdict.locator(".next-steps")
    expect(steps).to_contain_text(next_steps)
    assert steps.bounding_box()["y"] < 900, "the next steps are on the first screen"
    expect(verdict.locator("a.certificate-link")).to_be_visible()
    assert no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_home_list_has_a_status_key_without_question_marks(open_page, live_server, width, lang):
    *_, unconfirmed = WORDS[lang]
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/?lang={lang}")
    assert "?" not in page.locator(".company-list").inner_text()
    key = page.locator("dl.status-key")
    expect(key).to_be_visible()
    expect(key).to_contain_text(unconfirmed)
    assert no_sideways_scroll(page)


DATED = {
    "fr": "Au 1er janvier 2023 : certification signalée par la presse",
    "en": "On 1 January 2023: certification reported by the press",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(DATED))
def test_a_journalists_dated_link_opens_on_the_answer_for_its_date(
    open_page, live_server, width, lang
):
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/entreprises/maif?date=2023-01-01&lang={lang}#statut-a-date")
    headline = page.locator("#statut-a-date h2")
    expect(headline).to_contain_text(DATED[lang])
    assert page.title().startswith(f"MAIF — {DATED[lang]}")
    box = headline.bounding_box()
    assert 0 <= box["y"] < 900, "the dated answer is on screen"
    assert no_sideways_scroll(page)
