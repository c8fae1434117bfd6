"""Reporting an error in real Chromium: from the company page to the receipt, JS on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The receipt's URL names the company reported on, for its link back (with or without JS).
RECEIPT_URL = re.compile(r"/signaler/recu/S-[0-9A-Z]{4}-[0-9A-Z]{4}\?entreprise=maif$")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_report_goes_from_the_company_page_to_its_receipt(open_page, live_server, javascript):
    page = open_page(java_script_enabled=javascript)
    page.goto(live_server + "/entreprises/maif")
    page.locator(".report-link a").click()
    expect(page).to_have_url(live_server + "/signaler?entreprise=maif")
    expect(page.locator("#report-company")).to_have_value("MAIF")
    page.get_by_label("La certification a été retirée").check()
    page.fill("#report-details", "court")
    page.get_by_role("button", name="Envoyer le signalement").click()
    # A 422 is swapped in place with htmx (responseHandling), or rendered as a page without.
    expect(page.locator("#details-error")).to_contain_text("10 caractères au moins")
    expect(page.locator("#evidence-error")).to_contain_text("indiquez son adresse")
    expect(page.locator("#report-details")).to_have_value("court")
    expect(page.get_by_label("La certification a été retirée")).to_be_checked()
    page.fill("#report-details", "Le certificateur annonce le retrait du label.")
    page.fill("#report-evidence", "https://example.org/retrait")
    page.get_by_role("button", name="Envoyer le signalement").click()
    expect(page.locator(".report-receipt")).to_contain_text("Votre référence : S-")
    expect(page).to_have_url(RECEIPT_URL)
    heading = "Signaler une erreur ou un changement" if javascript else "Merci"
    expect(page.locator("h1")).to_contain_text(heading)
    page.get_by_role("link", name="Retour à la fiche MAIF").click()
    expect(page).to_have_url(live_server + "/entreprises/maif")
    assert page.context.cookies() == []
