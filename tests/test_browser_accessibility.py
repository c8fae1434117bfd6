"""axe-core in Chromium on every kind of page, light and dark: no serious or critical violation."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser import BLOCKING_IMPACTS, axe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "results-verdict": "/recherche?q=boulanger",
    "results-absent": "/recherche?q=maaf",
    "results-suggestions": "/recherche?q=ma",
    "company": "/entreprises/boulanger",
    "label": "/label",
    "not-found": "/entreprises/personne",
    "home-en": "/?lang=en",
    "company-en": "/entreprises/maif?lang=en",
}


@pytest.fixture(scope="module")
def axe_report(tmp_path_factory):
    """Every run's violations, written as a JSON artifact: the per-page figures for the notes."""
    report: dict[str, list[dict]] = {}
    yield report
    path = tmp_path_factory.mktemp("axe") / "axe-report.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request, browser):
    """One tab per colour scheme, reused across pages: axe runs are the slow part."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True, color_scheme=request.param)
    yield request.param, context.new_page()
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(scheme_page, live_server, axe_report, name):
    scheme, page = scheme_page
    page.goto(live_server + PAGES[name])
    expect(page.locator("h1")).to_have_count(1)
    violations = axe_violations(page)
    axe_report[f"{name} ({scheme})"] = violations
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)


def test_axe_does_catch_a_violation(open_page, live_server):
    """Guards the harness: an unlabelled input must be reported, else the checks prove nothing."""
    page = open_page(bypass_csp=True)
    page.goto(live_server + "/")
    page.evaluate("document.querySelector('label[for=search-input]').remove()")
    assert "label" in {v["id"] for v in axe_violations(page)}


def test_dark_scheme_is_applied(open_page, live_server):
    page = open_page(color_scheme="dark")
    page.goto(live_server + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 19, 23)"


def test_status_is_said_in_words_not_only_colour(page, live_server):
    page.goto(live_server + "/recherche?q=boulanger")
    status = page.locator("#results .status")
    expect(status).to_contain_text("Certifiée")
    expect(status.locator(".status-symbol")).to_have_attribute("aria-hidden", "true")


def test_results_region_is_announced_to_screen_readers(page, live_server):
    page.goto(live_server + "/")
    results = page.locator("#results")
    expect(results).to_have_attribute("aria-live", "polite")
    expect(page.locator("#search-input")).to_have_attribute("aria-controls", "results")
    expect(page.get_by_label("Marque, site web ou numéro SIREN")).to_have_count(1)
