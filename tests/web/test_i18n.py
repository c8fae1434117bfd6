"""French by default, English on request: locale choice, links that keep it, full catalogue."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from register.paths import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "webapp" / "translations"
ENGLISH_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
INTERNAL_LINK = re.compile(r'<a [^>]*href="(/[^"]*)"')
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def html(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def source_msgids() -> set[str]:
    """Every UI string in the code, extracted the way `make messages` does."""
    with open(PROJECT_ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = extract_from_dir(PROJECT_ROOT, method_map, options_map, keywords=keywords)
    return {singular(message) for _, _, message, *_ in found}


def singular(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def is_translated(message) -> bool:
    forms = (message.string,) if isinstance(message.string, str) else message.string
    return all(forms) and not message.fuzzy


def english_catalogue():
    with open(ENGLISH_PO, "rb") as po:
        return read_po(po)


def test_french_is_the_default_without_a_preference(client):
    page = html(client, "/")
    assert '<html lang="fr">' in page
    assert "Ce service client est-il certifié Relation Client France ?" in page


def test_lang_query_chooses_english(client):
    page = html(client, "/?lang=en", **{"Accept-Language": "fr"})
    assert '<html lang="en">' in page
    assert "Is this customer service certified Relation Client France?" in page


def test_accept_language_is_the_first_visit_default(client):
    page = html(client, "/label", **{"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    assert '<html lang="en">' in page
    assert "<h1>The Relation Client France label</h1>" in page


def test_unsupported_lang_falls_back_to_accept_language(client):
    page = html(client, "/?lang=de", **{"Accept-Language": "en"})
    assert '<html lang="en">' in page
    assert "lang=de" not in page


def test_language_choice_sets_no_cookie_and_varies_on_accept_language(client):
    response = client.get("/?lang=en")
    assert "Set-Cookie" not in response.headers
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/registre.json", "/labels.json"])
def test_bodies_the_same_in_every_language_do_not_vary_on_it(client, url):
    """One cached copy, not one a language: their bytes are equal whatever the reader asks."""
    english = client.get(url, headers={"Accept-Language": "en"})
    french = client.get(url, headers={"Accept-Language": "fr"})
    assert english.status_code == french.status_code == 200
    assert english.get_data() == french.get_data()
    assert "Accept-Language" not in english.headers.get("Vary", "")


@pytest.mark.parametrize("url", ["/entreprises/maif.json", "/api/v1/companies", "/registre.csv"])
def test_bodies_in_the_readers_language_vary_on_it(client, url):
    assert "Accept-Language" in client.get(url).headers["Vary"]


def test_api_urls_on_an_english_page_carry_no_language(client):
    """The chosen language follows page links, never the API's addresses (its answers are the
    same for every reader), certifiers' endpoints included."""
    page = html(client, "/api?lang=en")
    api_urls = re.findall(r"https?://[^\s\"<]*/api/v1/[^\s\"<]*", page)
    assert any("/api/v1/certificates" in url for url in api_urls)
    assert api_urls and not [url for url in api_urls if "lang=" in url]


@pytest.mark.parametrize(
    "url", ["/?lang=en", "/recherche?q=maif&lang=en", "/entreprises/maif?lang=en"]
)
def test_links_keep_the_chosen_language(client, url):
    links = INTERNAL_LINK.findall(html(client, url))
    page_links = [link for link in links if not link.startswith("/static/")]
    switch = [link for link in page_links if "lang=fr" in link]
    assert len(switch) == 1, "exactly one link, the switcher, leaves English"
    assert page_links and all("lang=en" in link for link in page_links if link not in switch)


def test_negotiated_language_adds_nothing_to_links(client):
    links = INTERNAL_LINK.findall(html(client, "/", **{"Accept-Language": "en"}))
    assert [link for link in links if "lang=" in link] == ["/?lang=fr"]


def test_search_form_carries_the_chosen_language_without_javascript(client):
    page = html(client, "/?lang=en")
    assert '<input type="hidden" name="lang" value="en">' in page
    assert 'data-hx-get="/recherche?lang=en"' in page
    assert 'name="lang"' not in html(client, "/")


def test_switcher_keeps_the_page_and_the_query(client):
    page = html(client, "/recherche?q=boul")
    assert '<a href="/recherche?q=boul&amp;lang=en" hreflang="en" lang="en">English</a>' in page


def test_pages_list_hreflang_alternates(client):
    page = html(client, "/entreprises/maif")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {
        "fr": "http://localhost/entreprises/maif?lang=fr",
        "en": "http://localhost/entreprises/maif?lang=en",
        "x-default": "http://localhost/entreprises/maif",
    }


def test_error_pages_are_translated(client):
    response = client.get("/entreprises/nobody?lang=en")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.get_data(as_text=True)


def test_company_names_are_not_translated(client):
    assert "<h1>MAIF</h1>" in html(client, "/entreprises/maif?lang=en")


def test_every_ui_string_has_an_english_translation():
    catalogue = english_catalogue()
    translated = {singular(m.id) for m in catalogue if m.id and is_translated(m)}
    missing = sorted(source_msgids() - translated)
    assert not missing, f"untranslated (run `make messages`, then translate): {missing}"


def test_every_english_translation_has_its_french_placeholders_once_each():
    """A translation with a placeholder missing or repeated says something else, or carries
    another entry's text (a merge that left lines behind concatenates them into it)."""
    wrong = []
    for message in english_catalogue():
        if not message.id or not is_translated(message):
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        forms = (message.string,) if isinstance(message.string, str) else message.string
        for french, english in zip(ids * len(forms), forms, strict=False):
            if Counter(PLACEHOLDER.findall(french)) != Counter(PLACEHOLDER.findall(english)):
                wrong.append(french)
    assert not wrong, wrong


def test_message_template_matches_the_sources():
    with open(TRANSLATIONS / "messages.pot", "rb") as pot:
        template = {singular(m.id) for m in read_po(pot) if m.id}
    assert template == source_msgids(), "run `make messages` to refresh messages.pot"


def test_compiled_english_catalogue_is_up_to_date():
    compiled = Translations.load(str(TRANSLATIONS), ["en"])
    for message in english_catalogue():
        if not message.id or not is_translated(message):
            continue
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "run `make translations`"
        else:
            assert compiled.ngettext(*message.id, 2) == message.string[1], "run `make translations`"


def test_english_embeds_use_english_punctuation(client):
    card = html(client, "/embed/maif?lang=en")
    assert "<title>Relation Client France: unconfirmed</title>" in card
    feed = client.get("/flux.atom?lang=en").get_data(as_text=True)
    assert (
        "<title>MAIF: certification reported or granted, between 1 December 2020 and "
        "20 May 2022</title>" in feed
    )


def test_configurator_language_stays_out_of_the_pasted_loader_url(client):
    page = html(client, "/widget?q=maif&lang=en")
    loader = re.search(r"widget\.js\?[^&]*&#34;", page)
    assert loader, "the snippet's loader URL carries only its version"


ENGLISH_PAGES = [
    "/",
    "/recherche?q=ma",
    "/recherche?q=boulanger",
    "/recherche?q=123456789",
    "/entreprises/boulanger",
    "/entreprises/boulanger?date=2024-01-01",
    "/label",
    "/labels",
    "/recherche?q=escda",
    "/api",
    "/widget?q=maif",
    "/embed/maif",
    "/badge/maif.svg",
    "/flux.atom",
    "/entreprises/personne",
]


def test_english_pages_show_no_french_ui_text(client):
    """Catches strings translated too early (at import, outside a request) or left unwrapped."""
    telling = set()
    for message in english_catalogue():
        if not message.id or not is_translated(message):
            continue
        english = message.string if isinstance(message.string, str) else message.string[0]
        for fragment in re.split(r"%\(\w+\)[sd]", singular(message.id)):
            if len(fragment.strip()) >= 16 and fragment.strip() not in english:
                telling.add(fragment.strip())
    for url in ENGLISH_PAGES:
        response = client.get(url + ("&" if "?" in url else "?") + "lang=en")
        page = unescape(response.get_data(as_text=True))
        assert not [text for text in telling if text in page], url


@pytest.mark.parametrize(
    ("url", "idiom", "stilted"),
    [
        ("/", "anything unpublished is marked as such", "is said to be so"),
        ("/label", "since Sunday work was then banned", "being then banned"),
        ("/label", "at the expense of consumers' trust", "at the risk of consumers"),
    ],
)
def test_english_pages_read_idiomatically(client, url, idiom, stilted):
    page = unescape(html(client, url + "?lang=en"))
    assert idiom in page and stilted not in page
