"""The labels guide as a phone and a screen reader meet it, and the search that leads there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from register.label_guide import bundled_guide

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("path", ["/labels", "/labels?lang=en"])
def test_guide_reads_on_a_375px_phone_without_sideways_scrolling(open_page, live_server, path):
    page = open_page(viewport=PHONE)
    page.goto(live_server + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for label in bundled_guide().labels:
        section = page.locator(f"#{label.id}")
        box = section.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label.id
        long_address = page.locator(".sources .url").first.bounding_box()
        assert long_address["x"] + long_address["width"] <= PHONE["width"]


def test_screen_reader_meets_one_heading_and_one_list_of_answers_per_label(page, live_server):
    page.goto(live_server + "/labels")
    names = [label.name for label in bundled_guide().labels]
    headings = page.get_by_role("heading", level=2)
    expect(headings).to_have_text(["Les labels comparés", *names, "Sources"])
    sfg = page.get_by_role("region", name="Service France Garanti")
    expect(sfg).to_match_aria_snapshot(
        """
        - heading "Service France Garanti" [level=2]
        - paragraph: Label
        - term: Qui le délivre
        - definition:
          - text: /Pro France, fondée en juin 2010/
          - link "Service France Garanti"
          - text: ", non daté)"
        - term: Ce qu'il vérifie
        - definition:
          - text: /au moins 90 %/
          - link "L'info durable"
          - link "Esteval"
        - term: Comment il est attribué
        - definition:
          - text: /organisme certificateur indépendant/
        - term: Combien de temps il vaut
        - definition: non publié
        - term: Ce qu'il ne dit pas
        - definition:
          - text: /seul compte le droit de leur contrat/
        - term: Titulaires
        - definition: aucun décompte publié dans nos sources
        """
    )
    expect(page.get_by_role("region")).to_have_count(len(names))


def test_typing_a_label_name_leads_to_its_guide_section(page, live_server):
    page.goto(live_server + "/")
    page.fill("#search-input", "ESCDA")
    answer = page.locator("#results .other-label")
    expect(answer).to_contain_text("Élu Service Client de l'Année")
    expect(page.locator("#results")).not_to_contain_text("n'est pas dans le registre")
    answer.get_by_role("link").click()
    expect(page).to_have_url(live_server + "/labels#elu-service-client-de-l-annee")
    expect(page.locator("#elu-service-client-de-l-annee")).to_be_in_viewport()
