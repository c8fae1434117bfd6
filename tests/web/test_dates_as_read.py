"""Dates as readers write them, on every surface: "1er" in French, day-month-year in English."""

from __future__ import annotations

import re
from html import unescape

import pytest

# "1 janvier", "1 décembre"… without the ordinal; "December 1, 2020"; "11/30/26".
BARE_FIRST = re.compile(
    r"(?<![\d-])1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre)"
)
AMERICAN = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
SURFACES = (
    "/entreprises/maif",
    "/entreprises/maif?date=2021-01-01",
    "/label",
    "/labels",
    "/flux.atom",
    "/",
)


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("url", SURFACES)
def test_french_writes_the_first_of_the_month_as_1er(client, url):
    body = text(client, url)
    assert not BARE_FIRST.findall(body), url


def test_french_pages_do_write_1er(client):
    assert "1er décembre 2020" in text(client, "/label")
    assert "Au 1er janvier 2021" in text(client, "/entreprises/maif?date=2021-01-01")


@pytest.mark.parametrize("url", SURFACES)
def test_english_dates_are_day_month_year(client, url):
    body = text(client, url + ("&" if "?" in url else "?") + "lang=en")
    assert not AMERICAN.findall(body), url
    assert not BARE_FIRST.findall(body), url


def test_the_citation_says_consultee_once_with_the_long_date(client):
    body = text(client, "/entreprises/maif")
    assert body.count("consultée le 29 novembre 2026") == 2
    assert "consulté le" not in body
    assert "accessed 29 November 2026" in text(client, "/entreprises/maif?lang=en")


def test_the_feed_titles_name_the_day_a_term_ends(client):
    titles = re.findall(r"<title>(.*?)</title>", text(client, "/flux.atom"))
    ends = [t for t in titles if t.startswith("MAIF : fin du terme")]
    assert ends == [
        "MAIF : fin du terme de 4 ans au plus tard le 20 mai 2026 — aucun renouvellement connu"
    ]
    assert not [t for t in titles if "ce jour" in t]


def test_the_verdict_says_in_plain_words_what_the_status_means_with_readable_bounds(client):
    page = text(client, "/entreprises/maif")
    verdict = page.split('class="verdict', 1)[1].split("</section>", 1)[0]
    assert (
        "Citée comme certifiée par la presse en 2021-2022. Le label dure 4 ans : sauf "
        "renouvellement, dont nous n'avons trouvé aucune trace, il a expiré au plus tard en "
        "mai 2026."
    ) in verdict
    assert "Que faire ?" in verdict and "Vous êtes MAIF ? Envoyez votre certificat" in verdict
    assert "demandez à MAIF son numéro de certificat" in verdict
    english = text(client, "/entreprises/maif?lang=en")
    assert "it expired in May 2026 at the latest" in english


def test_each_search_verdict_offers_the_next_steps(client):
    page = text(client, "/recherche?q=maif")
    assert "Que faire ?" in page and "Vous êtes MAIF ? Envoyez votre certificat" in page


def test_the_home_list_has_a_key_and_no_question_mark_for_a_status(client):
    page = text(client, "/")
    listing = page.split('class="company-list"', 1)[1].split("</ul>", 1)[0]
    assert "?" not in re.sub(r"<[^>]+>", "", listing)
    assert 'class="status-key"' in page
    assert "rien ne dit qu'elle l'est encore" in page


def test_a_dated_permalink_leads_with_its_date_in_title_og_title_and_oembed(client):
    page = text(client, "/entreprises/maif?date=2023-01-01")
    dated = "MAIF — Au 1er janvier 2023 : certification signalée par la presse"
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title.startswith(dated) and "(aujourd'hui : non confirmée)" in title
    assert re.search(r'property="og:title" content="([^"]*)"', page).group(1).startswith(dated)
    oembed = client.get(
        "/oembed", query_string={"url": "http://localhost/entreprises/maif?date=2023-01-01"}
    ).get_json()
    assert oembed["title"].startswith(dated)
    undated = client.get("/oembed", query_string={"url": "http://localhost/entreprises/maif"})
    assert undated.get_json()["title"] == "MAIF — Non confirmée"
    english = text(client, "/entreprises/maif?date=2023-01-01&lang=en")
    assert (
        "<title>MAIF — On 1 January 2023: certification reported by the press (today: " in english
    )


def test_the_citation_links_to_the_dated_answer_on_the_page(client):
    page = text(client, "/entreprises/maif?date=2023-01-01")
    assert "/entreprises/maif?date=2023-01-01#statut-a-date" in page
    assert 'id="statut-a-date"' in page


def test_every_template_writes_dates_with_the_one_helper():
    from register.paths import PROJECT_ROOT

    users = [
        path.name
        for path in (PROJECT_ROOT / "templates").rglob("*")
        if path.is_file() and "dateformat" in path.read_text(encoding="utf-8")
    ]
    assert users == [], "use |long_date (webapp.wording.dates), which writes « 1er »"


def test_the_citation_names_its_sources_and_keeps_lower_case_after_the_colon(client):
    page = text(client, "/entreprises/maif")
    full = page.split('id="citation-full"', 1)[1].split("</p>", 1)[0]
    assert "au 29 novembre 2026 : non confirmée." in full
    assert "Sources : refrance.fr" in full and "SFAM magazine" in full
