"""The search outcome's kind is data: the API says it, and the page shows the section it names."""

from __future__ import annotations

import pytest

from tests.web.conftest import frozen_clock

SHARED_ALIAS = "Mutuelles Réunies"
# Each kind, the query that gives it, and the markup the results page shows for it.
CASES = [
    ("verdict", "la maif", 'class="verdict verdict-'),
    ("ambiguous", SHARED_ALIAS, 'class="verdict verdict-ambiguous"'),
    ("other_label", "NF 345", 'class="other-label"'),
    ("generic_only", "service client", 'class="verdict verdict-generic"'),
    ("partial", "maif ou macif", 'class="verdict verdict-partial"'),
    ("absent", "qwxz", 'class="verdict verdict-absent"'),
    ("empty", "", 'class="notice"'),
]
# The sections that say there is no verdict (the verdict's own class names the status).
NO_VERDICT_SECTIONS = [marker for kind, _, marker in CASES if kind not in ("verdict", "empty")]


@pytest.fixture
def client(make_app, write_register, tmp_path):
    """The bundled register, where MAIF and MACIF also share one alias (an ambiguous name)."""

    def share_alias(raw):
        for company in raw["companies"]:
            if company["slug"] in ("maif", "macif"):
                company["aliases"] = [*(company.get("aliases") or []), SHARED_ALIAS]

    registry = write_register(share_alias)
    return make_app(
        TESTING=True,
        CLOCK=frozen_clock,
        REGISTRY_PATH=str(registry),
        INDEX_DIR=str(tmp_path / "index"),
    ).test_client()


@pytest.mark.parametrize(("kind", "text", "marker"), CASES)
def test_api_search_says_the_kind_of_outcome(client, kind, text, marker):
    body = client.get("/api/v1/search", query_string={"q": text}).get_json()
    assert body["kind"] == kind
    assert (body["verdict"] is not None) == (kind == "verdict")


@pytest.mark.parametrize(("kind", "text", "marker"), CASES)
def test_results_page_shows_the_section_of_that_kind_only(client, kind, text, marker):
    page = client.get("/recherche", query_string={"q": text}).get_data(as_text=True)
    results = page[page.index('id="results"') :] if 'id="results"' in page else page
    assert marker in results
    shown = [m for m in NO_VERDICT_SECTIONS if m in results]
    assert shown == ([marker] if marker in NO_VERDICT_SECTIONS else [])


def test_only_an_absent_company_offers_the_addition_request(client):
    for kind, text, _ in CASES:
        page = client.get("/recherche", query_string={"q": text}).get_data(as_text=True)
        assert ("type=addition" in page) == (kind == "absent"), kind
