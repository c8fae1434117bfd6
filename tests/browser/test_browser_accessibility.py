"""axe-core in Chromium on every kind of page, light and dark: no serious or critical violation,
and on the embed cards (small, self-contained documents) not even a moderate one."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support.chromium import BLOCKING_IMPACTS, COLOUR_RULES, axe_violations, install_axe

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")
# Site pages follow prefers-color-scheme: each is checked fully in light, for colour in dark.
SITE_PAGES = {
    "home": "/",
    "results-verdict": "/recherche?q=boulanger",
    "results-absent": "/recherche?q=maaf",
    "results-suggestions": "/recherche?q=ma",
    "results-phrase": "/recherche?q=service+client+edf",
    "results-partial": "/recherche?q=boulanger+paris",
    "results-generic-en": "/recherche?q=customer+service&lang=en",
    "company": "/entreprises/boulanger",
    "company-as-of": "/entreprises/boulanger?date=2024-01-01",
    "label": "/label",
    "report-form": "/signaler?entreprise=maif",
    "journal": "/journal",
    "privacy": "/confidentialite",
    "labels-guide": "/labels",
    "results-other-label": "/recherche?q=escda",
    "results-this-label": "/recherche?q=label+AFRC",
    "results-reading": "/recherche?q=la+maaf",
    "results-other-label-en": "/recherche?q=Service+France+Garanti&lang=en",
    "results-domain-en": "/recherche?q=maif.fr&lang=en",
    "company-undated-report": "/entreprises/edf",
    "widget-configurator": "/widget",
    "widget-maif": "/widget?q=maif",
    "widget-look-alike-en": "/widget?q=maaf&lang=en",
    "api-docs": "/api",
    "not-found": "/entreprises/personne",
    "home-en": "/?lang=en",
    "company-en": "/entreprises/maif?lang=en",
    "widget-configurator-en": "/widget?lang=en",
    "labels-guide-en": "/labels?lang=en",
}
# Embed cards pick their theme from ?theme=, not from the visitor's scheme.
EMBED_PAGES = {
    "embed": "/embed/boulanger",
    "embed-dark-en": "/embed/boulanger?theme=dark&lang=en",
    "embed-not-found": "/embed/personne",
}
EMBED_BLOCKING_IMPACTS = ("moderate", *BLOCKING_IMPACTS)
CHECKS = [(name, path, scheme) for name, path in SITE_PAGES.items() for scheme in SCHEMES] + [
    (name, path, "light") for name, path in EMBED_PAGES.items()
]


@pytest.fixture(scope="module")
def axe_report(tmp_path_factory):
    """Every run's violations, written as a JSON artifact: the per-page figures for the notes."""
    report: dict[str, list[dict]] = {}
    yield report
    path = tmp_path_factory.mktemp("axe") / "axe-report.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def scheme_pages(browser):
    """One tab per colour scheme, reused across pages: axe runs are the slow part."""
    contexts = {
        scheme: browser.new_context(locale="fr-FR", color_scheme=scheme) for scheme in SCHEMES
    }
    for context in contexts.values():
        install_axe(context)
    yield {scheme: context.new_page() for scheme, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize(("name", "path", "scheme"), CHECKS, ids=[f"{n}-{s}" for n, _, s in CHECKS])
def test_page_has_no_serious_accessibility_violation(
    scheme_pages, live_server, axe_report, name, path, scheme
):
    page = scheme_pages[scheme]
    page.goto(live_server + path)
    violations = axe_violations(page, rules=COLOUR_RULES if scheme == "dark" else None)
    axe_report[f"{name} ({scheme})"] = violations
    impacts = EMBED_BLOCKING_IMPACTS if name in EMBED_PAGES else BLOCKING_IMPACTS
    blocking = [v for v in violations if v["impact"] in impacts]
    assert not blocking, json.dumps(blocking, indent=2, ensure_ascii=False)


def test_axe_does_catch_a_violation(open_page, live_server):
    """Guards the harness: an unlabelled input must be reported, else the checks prove nothing."""
    page = open_page()
    install_axe(page.context)
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
    expect(status).to_contain_text("Non confirmée")
    expect(status.locator(".status-symbol")).to_have_attribute("aria-hidden", "true")


def test_results_region_is_announced_to_screen_readers(page, live_server):
    page.goto(live_server + "/")
    results = page.locator("#results")
    expect(results).to_have_attribute("aria-live", "polite")
    expect(page.locator("#search-input")).to_have_attribute("aria-controls", "results")
    expect(page.get_by_label("Marque, site web ou numéro SIREN")).to_have_count(1)
