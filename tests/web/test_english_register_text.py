"""English pages show the register's free text in English: source titles, notes, date reasons,
the label's start; a file without English twins shows its French marked lang="fr"."""

from __future__ import annotations

import re
from html import unescape

import pytest

from search_index import build_index
from tests.unit.test_english_twins import without_twins
from tests.web.conftest import frozen_clock

# French the bundled register used to put on English pages, one per kind of free text.
FRENCH_FREE_TEXT = (
    "Article sans date",  # a publication's bounds reason
    "Copie archivée",  # a source note
    "présentant le certificat",  # our description in a source title
    "Champs renseignés",  # the general-knowledge source's note
    "Registre public des entreprises",  # its title
)
ENGLISH_FREE_TEXT = (
    "Undated article. It calls the ministry",
    "It gives no date of certification. Archived copy on this site.",
    "refrance.fr — article introducing the Relation Client France certificate",
    "Fields filled in from general knowledge",
    "Public register of companies (Sirene)",
)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_english_maif_page_reads_its_sources_in_english(client):
    html = unescape(page(client, "/entreprises/maif?lang=en"))
    for french in FRENCH_FREE_TEXT:
        assert french not in html, french
    for english in ENGLISH_FREE_TEXT:
        assert english in html, english


def test_french_quotations_inside_english_text_are_marked_french(client):
    html = page(client, "/entreprises/maif?lang=en")
    assert '« <span lang="fr">Économie, Finances et Relance</span> »' in html
    assert (
        'SFAM magazine — « <span lang="fr">nouvelle certification relation client made in '
        "France</span> »" in html
    )


def test_the_english_citation_names_its_sources_in_english(client):
    citation = unescape(
        section(page(client, "/entreprises/maif?lang=en"), 'id="citation-full"', "</p>")
    )
    assert "Sources: refrance.fr — article introducing the Relation Client France" in citation
    assert "présentant" not in citation and " ; " not in citation


def test_the_english_label_page_gives_the_start_reason_in_english(client):
    html = unescape(page(client, "/label?lang=en"))
    line = section(html, "The label cannot have been granted before", "</p>")
    assert "The refrance.fr article ties the label to an agreement signed in December" in line
    assert "rattache" not in line and 'lang="fr"' not in line


def test_the_french_pages_keep_the_french_text_unmarked(client):
    html = unescape(page(client, "/entreprises/maif"))
    assert "Aucune date de certification n'y figure. Copie archivée sur ce site." in html
    assert "Article sans date." in html and "Undated article" not in html
    assert "rattache le label" in unescape(page(client, "/label"))
    assert not re.search(r'<span lang="fr">[^<]*(Article sans date|Aucune date)', html)


def test_the_english_history_and_feed_use_the_english_twins(make_app, write_register, tmp_path):
    def dated_event_with_note(raw):
        event = next(c for c in raw["companies"] if c["slug"] == "maif")["history"][0]
        event["date"] = {
            "not_before": "2021-01-01",
            "not_after": "2021-12-31",
            "reason": "Daté par la source.",
            "reason_en": "Dated by the source.",
        }
        event.update(note="Note de l'événement.", note_en="The event's note.")  # fmt: skip

    index = tmp_path / "index"
    build_index(write_register(dated_event_with_note), index)
    client = make_app(INDEX_DIR=str(index), TESTING=True, CLOCK=frozen_clock).test_client()
    timeline = unescape(
        section(page(client, "/entreprises/maif?lang=en"), 'id="timeline-title"', "</section>")
    )
    assert "Dated by the source." in timeline and "The event's note." in timeline
    assert "Daté par la source" not in timeline and "Note de l'événement" not in timeline
    feed = unescape(page(client, "/flux.atom?lang=en"))
    assert "Dated by the source." in feed and "Daté par la source" not in feed
    assert "Sources: refrance.fr — article introducing" in feed


@pytest.fixture
def untranslated_client(make_app, write_register, tmp_path):
    """The site on a register without any English twin, as an upstream file may be."""

    def strip(raw):
        raw.update(without_twins(raw))

    index = tmp_path / "index"
    build_index(write_register(strip), index)
    return make_app(INDEX_DIR=str(index), TESTING=True, CLOCK=frozen_clock).test_client()


def test_without_an_english_twin_the_french_shows_marked_french(untranslated_client):
    html = page(untranslated_client, "/entreprises/maif?lang=en")
    for text in (
        "Aucune date de certification n&#39;y figure.",
        "Article sans date.",
        "refrance.fr — article présentant le certificat",
    ):
        assert re.search(f'<span lang="fr">{re.escape(text)}', html), text
    label = page(untranslated_client, "/label?lang=en")
    assert '<span lang="fr">L&#39;article de refrance.fr rattache' in label


def test_the_json_twins_carry_the_english_fields_as_in_the_file(client):
    record = client.get("/entreprises/maif.json").get_json()
    source = record["sources"][0]
    assert source["title_en"].startswith("refrance.fr — article introducing")
    assert source["note_en"] == "It gives no date of certification. Archived copy on this site."
    assert source["published"]["reason_en"].startswith("Undated article.")
    api = client.get("/api/v1/companies/maif").get_json()
    assert api["sources"] == record["sources"]
    rules = client.get("/registre.json").get_json()["label_rules"]
    assert rules["exists_from_reason_en"].startswith("The refrance.fr article ties the label")
