"""The verdict a reader lands on: the plain sentence and what to do, on the first screen,
at a phone's and a desktop's width, in French and English; the home list has its key."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.retailer_site import retailer_site

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


SOURCE_WORDS = {
    "fr": ("Article sans date.", "Copie archivée sur ce site.", "Undated article"),
    "en": ("Undated article.", "Archived copy on this site.", "Article sans date"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(SOURCE_WORDS))
def test_the_maif_sources_read_in_the_page_language(open_page, live_server, width, lang):
    reason, note, other_language = SOURCE_WORDS[lang]
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/entreprises/maif?lang={lang}")
    sources = page.locator("ol.sources")
    expect(sources).to_contain_text(reason)
    expect(sources).to_contain_text(note)
    expect(sources).not_to_contain_text(other_language)
    french_inside = sources.locator('[lang="fr"]')
    if lang == "en":  # only the publications' own French titles and quoted names
        expect(french_inside.first).to_be_visible()
        assert all(len(text) < 80 for text in french_inside.all_inner_texts())
    else:
        expect(french_inside).to_have_count(0)
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


BADGE_WORDS = {"fr": "non confirmée", "en": "unconfirmed"}


@pytest.mark.parametrize("size", ["s", "m", "l"])
@pytest.mark.parametrize("lang", sorted(BADGE_WORDS))
def test_the_badge_and_card_fit_a_375_px_page(open_page, live_server, size, lang):
    page = open_page(viewport={"width": 375, "height": 800})
    retailer = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width"><title>Shop</title></head>'
        '<body style="margin:8px">'
        f'<img id="badge" src="{live_server}/badge/maif.svg?lang={lang}&size={size}" alt="">'
        f'<iframe id="card" src="{live_server}/embed/maif?lang={lang}&size={size}" '
        'style="border:0;width:100%;height:240px" title="card"></iframe></body></html>'
    )
    with retailer_site(retailer) as url:
        page.goto(url)
        check_badge_and_card(page, lang)


def check_badge_and_card(page, lang: str) -> None:
    badge = page.locator("#badge")
    page.wait_for_function("document.getElementById('badge').naturalWidth > 0")
    assert badge.bounding_box()["x"] + badge.bounding_box()["width"] <= 375
    assert page.evaluate("document.getElementById('badge').naturalWidth") <= 359
    card = page.frame_locator("#card")
    expect(card.locator(".who")).to_have_text("MAIF")
    expect(card.locator(".status")).to_contain_text(WORDS[lang][2])
    assert page.frames[1].evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the card does not scroll sideways"
    assert no_sideways_scroll(page)


SEARCH_WORDS = {
    "fr": {
        "maif": "Vous avez cherché « maif » : c'est le nom de cette entreprise.",
        "la maaf": "Recherche faite sur « maaf » ; « la » est un mot trop courant",
        "Service France Garanti": "Service France Garanti est un autre label",
    },
    "en": {
        "maif": "You searched for “maif”: that is this company's name.",
        "la maaf": "Searched for “maaf”; “la” is too common a word to name a company.",
        "Service France Garanti": "Service France Garanti is another label",
    },
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(SEARCH_WORDS))
def test_search_answers_say_in_plain_words_how_the_query_was_read(
    open_page, live_server, width, lang
):
    words = SEARCH_WORDS[lang]
    page = open_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/?lang={lang}")
    results = page.locator("#results")
    page.fill("#search-input", "maif")
    found_by = results.locator(".verdict .found-by")
    expect(found_by).to_have_text(words["maif"])
    assert found_by.bounding_box()["y"] < 900, "said next to the answer, on the first screen"
    expect(results).not_to_contain_text("Reconnue par")
    page.fill("#search-input", "la maaf")
    expect(results.locator(".reading")).to_have_text(re.compile(re.escape(words["la maaf"])))
    expect(results.locator(".suggestions")).to_contain_text("MAIF")
    assert no_sideways_scroll(page)
    page.goto(f"{live_server}/recherche?q=Service+France+Garanti&lang={lang}")
    expect(page.locator(".other-label h2")).to_have_text(words["Service France Garanti"])
    expect(results.locator(".reading")).to_have_count(0)
    expect(results).not_to_contain_text("Lu comme")
    assert no_sideways_scroll(page)
