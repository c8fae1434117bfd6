"""The /labels guide, its JSON twin, the links to it, and search answers naming another label."""

from __future__ import annotations

import re
from html import unescape

import pytest

from register.label_guide import bundled_guide


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.get_data(as_text=True))


def facts_of(html: str) -> list[str]:
    return re.findall(r"<dd>(.*?)</dd>", html, flags=re.S)


def test_guide_has_a_section_per_label_with_the_same_questions(client):
    html = page(client, "/labels")
    assert "<h1>Les labels du service client</h1>" in html
    for label in bundled_guide().labels:
        section = html.split(f'<section class="guide-label" id="{label.id}"', 1)[1]
        section = section.split("</section>", 1)[0]
        questions = re.findall(r"<dt>(.*?)</dt>", section)
        names = ["Ses noms et sa marque"] if label.names else []
        assert questions == [
            *names,
            "Qui le délivre",
            "Ce qu'il vérifie",
            "Comment il est attribué",
            "Combien de temps il vaut",
            "Ce qu'il ne dit pas",
            "Titulaires",
        ], label.id


def test_every_fact_cites_a_source_with_its_date_or_non_date(client):
    html = page(client, "/labels")
    facts = facts_of(html)
    assert len(facts) > 30
    for fact in facts:
        if fact in ("non publié", "aucun décompte publié dans nos sources"):
            continue
        citations = re.findall(r'<a href="#source-[a-z0-9-]+">[^<]+</a>, ([^;)]+)', fact)
        assert citations, fact
        for date in (c.strip() for c in citations):
            assert date == "non daté" or re.fullmatch(r"\d{1,2} \w+ \d{4}|\d{4}", date), fact
    assert "Contact à distance</a>, 19 octobre 2018" in html
    assert "CLCV</a> (association de consommateurs), non daté" in html


def test_unknown_durations_say_not_published(client):
    html = page(client, "/labels")
    sfg = html.split('id="service-france-garanti"', 1)[1].split("</section>", 1)[0]
    assert "<dt>Combien de temps il vaut</dt>\n    <dd>non publié</dd>" in sfg


def test_holder_counts_are_historical_with_their_years(client):
    html = page(client, "/labels")
    assert "<strong>17</strong> entreprises certifiées" in html
    assert "(chiffre historique, relevé entre 2019 et 2020)" in html
    assert "(chiffre historique, relevé entre 2008 et 2015)" in html
    rcf = html.split('id="relation-client-france"', 1)[1].split("</section>", 1)[0]
    assert "<strong>11</strong> entreprises citées comme certifiées par deux articles" in rcf
    assert "(chiffre historique, relevé entre 2021 et 2022)" in rcf
    assert "<strong>environ 60</strong> entreprises qui porteraient la marque" in rcf
    assert "(chiffre rapporté au plus tôt en 2021, date exacte inconnue)" in rcf
    assert '<a href="#source-gazette-france-afrc">La Gazette France</a>, non daté' in rcf


def test_the_checked_label_section_gives_both_names_the_logo_and_the_missing_rules(client):
    html = page(client, "/labels")
    rcf = html.split('id="relation-client-france"', 1)[1].split("</section>", 1)[0]
    names = rcf.split("<dt>Ses noms et sa marque</dt>", 1)[1].split("<dt>", 1)[0]
    assert "« Relation Client France »" in names and "« AFRC Relation Client 100% France »" in names
    assert "marque de garantie" in names and "France Garantie" in names
    assert "règlement d'usage" in names and "ni ce règlement ni le dépôt" in names
    assert "<img" not in rcf, "the logo is described in words, never copied from the web"
    english = page(client, "/labels?lang=en")
    assert "<dt>Its names and its mark</dt>" in english
    assert "<strong>about 60</strong>" in english
    assert "(figure reported no earlier than 2021, exact date unknown)" in english


def test_every_cited_source_is_listed_with_its_address(client):
    html = page(client, "/labels")
    for source in bundled_guide().sources:
        assert f'<li id="source-{source.id}"><a href="{source.url}" rel="noopener">' in html


def test_english_guide_says_the_facts_in_english_and_marks_french_names(client):
    html = page(client, "/labels?lang=en")
    assert "<h1>Customer-service labels</h1>" in html
    assert "<dd>Four years. " in html
    assert "undated" in html and "non daté" not in html
    assert 'undated; <a href="#source-' in html and " ; " not in html
    assert '<h2 id="elu-service-client-de-l-annee-title"><span lang="fr">' in html
    assert "(historical figure, reported between 2019 and 2020)" in html


def test_json_twin_is_the_reviewed_file_with_links(client):
    response = client.get("/labels.json?lang=en")
    body = response.get_json()
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert body["links"] == {
        "html": "http://localhost/labels",
        "json": "http://localhost/labels.json",
    }
    escda = body["labels"][-1]
    assert escda["url"] == "http://localhost/labels#elu-service-client-de-l-annee"
    assert escda["duration"] == bundled_guide().raw["labels"][-1]["duration"]
    assert "ESCDA" in escda["spellings"]


def test_label_page_and_home_link_the_guide(client):
    assert 'href="/labels"' in page(client, "/label")
    home = page(client, "/")
    assert '<a href="/labels">Comparez les labels du service client</a>' in home
    assert "/labels</loc>" in client.get("/sitemap.xml").get_data(as_text=True)


@pytest.mark.parametrize("fragment", [False, True])
def test_a_label_query_is_answered_with_its_guide_section(client, fragment):
    headers = {"HX-Request": "true", "HX-Trigger": "search-input"} if fragment else {}
    html = unescape(
        client.get("/recherche?q=elu service client de l annee", headers=headers).get_data(
            as_text=True
        )
    )
    assert "Élu Service Client de l'Année est un concours privé</h2>" in html
    assert '<a href="/labels#elu-service-client-de-l-annee">' in html
    assert "Ce n'est ni une entreprise ni le label Relation Client France" in html
    assert "n'est pas dans le registre" not in html
    assert "Demander son ajout" not in html, "a label is not a company to add to the register"


def test_a_company_query_gets_no_label_answer(client):
    html = page(client, "/recherche?q=maif")
    assert 'class="other-label"' not in html
    assert "/labels#" not in html


def test_api_search_adds_an_other_label_notice(client):
    body = client.get("/api/v1/search?q=NF 345").get_json()
    assert body["verdict"] is None
    assert body["notices"] == [
        {
            "kind": "other_label",
            "id": "nf-service-relation-client",
            "label": "NF Service Relation Client (NF 345)",
            "url": "http://localhost/labels#nf-service-relation-client",
        }
    ]
    assert client.get("/api/v1/search?q=maif").get_json()["notices"] == []


def test_relation_client_france_row_names_no_company_as_certified(client, bundled_register_raw):
    """The guide gives a dated press count, never a list that could read as today's holders."""
    html = page(client, "/labels")
    rcf = html.split('id="relation-client-france"', 1)[1].split("</section>", 1)[0]
    for company in bundled_register_raw["companies"]:
        assert company["name"] not in rcf, company["name"]
    assert "chiffre historique" in rcf and "aucune liste officielle" in rcf


THIS_LABEL_QUERIES = ["relation client 100% france", "AFRC relation client", "label AFRC"]


@pytest.mark.parametrize("fragment", [False, True])
@pytest.mark.parametrize("query", THIS_LABEL_QUERIES)
def test_the_checked_labels_names_are_answered_with_the_label_page(client, fragment, query):
    headers = {"HX-Request": "true", "HX-Trigger": "search-input"} if fragment else {}
    response = client.get("/recherche", query_string={"q": query}, headers=headers)
    html = unescape(response.get_data(as_text=True))
    assert f"« {query} » : c'est le label que ce site vérifie" in html
    assert '<section class="this-label"' in html and '<a href="/label">' in html
    assert "tapez son nom" in html
    assert 'class="other-label"' not in html and "n'est pas dans le registre" not in html
    assert "Demander son ajout" not in html and "/entreprises/" not in html


def test_api_search_adds_a_this_label_notice_pointing_to_the_label_page(client):
    body = client.get("/api/v1/search?q=relation client 100 % france").get_json()
    assert (body["verdict"], body["results"]) == (None, [])
    assert body["notices"] == [
        {
            "kind": "this_label",
            "id": "relation-client-france",
            "label": "Relation Client France",
            "url": "http://localhost/label",
        }
    ]
    english = page(client, "/recherche?q=label+AFRC&lang=en")
    assert "“label AFRC”: this is the label this site checks" in english


def test_label_page_gives_both_names_and_every_count_with_its_origin(client, bundled_register_raw):
    html = page(client, "/label")
    names = html.split('<h2 id="noms">', 1)[1].split("<h2", 1)[0]
    assert "« AFRC Relation Client 100% France »" in names and "France Garantie" in names
    assert "règlement d'usage" in names
    assert (
        '<a class="cite" href="/labels#source-gazette-france-afrc">[La Gazette France]</a>' in names
    )
    counts = html.split('<h2 id="titulaires">', 1)[1].split("<h2", 1)[0]
    assert "<strong>11</strong>" in counts and "entre 2021 et 2022" in counts
    assert "<strong>environ 60</strong>" in counts and "au plus tôt en 2021" in counts
    registered = len(bundled_register_raw["companies"])
    assert f"<strong>{registered}</strong> dans ce registre" in counts
    assert "onze" not in html


def test_home_page_counts_come_from_the_data_with_their_origin(client, bundled_register_raw):
    html = page(client, "/")
    registered = len(bundled_register_raw["companies"])
    assert f"Les {registered} entreprises du registre" in html
    assert html.count('<li><a href="/entreprises/') == registered
    counts = html.split('<ul class="holder-counts">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<strong>(.*?)</strong>", counts) == ["11", "environ 60", str(registered)]
    assert "« AFRC Relation Client 100% France »" in html
