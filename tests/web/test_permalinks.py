"""Company permalinks: SIREN redirects, JSON twins, as-of answers, citation, metadata."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html import unescape

import pytest


def _jsonld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _walk_values(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_values(item)
    yield value


@pytest.mark.parametrize("siren", ["775709702", "775%20709%20702"])
def test_siren_permalink_redirects_permanently_to_the_slug_page(client, siren):
    response = client.get(f"/entreprises/{siren}")
    assert response.status_code == 301
    assert response.headers["Location"] == "/entreprises/maif"


@pytest.mark.parametrize("path", ["/entreprises/123456782", "/entreprises/12345", "/entreprises/x"])
def test_unknown_siren_or_slug_gives_the_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "<html" in response.get_data(as_text=True)


def test_company_page_declares_canonical_json_twin_and_oembed(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/entreprises/maif">' in page
    assert 'type="application/json" href="http://localhost/entreprises/maif.json"' in page
    assert (
        'type="application/json+oembed" href="http://localhost/oembed?'
        "url=http://localhost/entreprises/maif&amp;format=json" in page
    )
    assert '<meta property="og:url" content="http://localhost/entreprises/maif">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="og:image" content="http://localhost/social/maif.png?lang=fr">' in page


def test_json_twin_is_the_full_record_with_links(client, bundled_register_raw):
    record = client.get("/entreprises/maif.json").get_json()
    original = next(c for c in bundled_register_raw["companies"] if c["slug"] == "maif")
    assert {k: record[k] for k in original} == original
    assert record["links"]["html"] == "http://localhost/entreprises/maif"
    assert (record["as_of"], record["status"]) == ("2026-11-29", "unconfirmed")


def test_only_data_scripts_are_inline(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", page):
        assert 'type="application/ld+json"' in tag or "src=" in tag, tag


def test_jsonld_on_null_certificate_has_no_fabricated_fields(client):
    data = _jsonld(client.get("/entreprises/homeserve").get_data(as_text=True))
    assert data["@type"] == "Organization" and data["name"] == "HomeServe"
    certification = data["hasCertification"]
    assert certification["@type"] == "Certification"
    for absent in ("validFrom", "expires", "issuedBy", "certificationIdentification"):
        assert absent not in certification
    assert "certificationStatus" not in certification, "no active status for unconfirmed"
    assert data["identifier"]["value"] == "438424384"  # sourced from its own terms of sale
    assert "url" not in data, "its domain comes from general knowledge: left out"
    assert None not in list(_walk_values(data)) and "" not in list(_walk_values(data))
    assert certification["description"].startswith("Non confirmée. Certification signalée")


def test_jsonld_leaves_out_identity_still_to_verify(client):
    data = _jsonld(client.get("/entreprises/maif").get_data(as_text=True))
    assert not {"identifier", "legalName", "url"} & set(data)


def test_jsonld_carries_known_certificate_fields(dated_client):
    data = _jsonld(dated_client.get("/entreprises/exemple-fictif-complet").get_data(as_text=True))
    certification = data["hasCertification"]
    assert certification["validFrom"] == "2022-03-01"
    assert certification["expires"] == "2026-02-28"
    assert certification["issuedBy"] == {"@type": "Organization", "name": "Organisme fictif"}
    assert certification["certificationIdentification"] == "RCF-TEST-0001"
    assert certification["certificationStatus"] == "https://schema.org/CertificationInactive"
    assert "a expiré" in certification["description"], "its last valid day was 2026-02-28"
    assert data["identifier"]["value"] == "123456782"


def test_jsonld_is_active_only_while_an_issuer_record_covers_the_day(make_app, dated_index_dir):
    client = make_app(INDEX_DIR=str(dated_index_dir), CLOCK=lambda: dt.date(2025, 1, 1))
    page = client.test_client().get("/entreprises/exemple-fictif-complet")
    certification = _jsonld(page.get_data(as_text=True))["hasCertification"]
    assert certification["certificationStatus"] == "https://schema.org/CertificationActive"


def test_bundled_company_as_of_answers_from_the_bounded_evidence(client):
    page = client.get("/entreprises/maif?date=2022-06-01").get_data(as_text=True)
    lead = dated_lead(page)
    assert "Au 1er juin 2022 : certification signalée par la presse</h2>" in lead
    assert "le 1er juin 2022, elle l'était donc encore (jusqu'en mai 2026 au plus tard" in lead
    early = client.get("/entreprises/maif?date=2021-03-01").get_data(as_text=True)
    assert "Au 1er mars 2021 : non confirmée</h2>" in dated_lead(early)


def dated_lead(page: str) -> str:
    """The dated permalink's answer, which comes first on the page."""
    first = page.split("<h1>", 1)[1].split('<section class="verdict', 1)[1]
    assert first.split(">", 1)[0].endswith('id="statut-a-date" aria-labelledby="dated-title"')
    return unescape(first.split("</section>", 1)[0])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2021-01-01", "Aucune certification connue"),
        ("2025-07-01", "Certification expirée"),
        ("2025-10-01", "Certification signalée par la presse"),
    ],
)
def test_dated_history_answers_on_the_page(dated_client, day, expected):
    page = dated_client.get(f"/entreprises/exemple-fictif-date?date={day}").get_data(as_text=True)
    assert f": {expected[0].lower()}{expected[1:]}</h2>" in dated_lead(page)


def test_timeline_lists_dated_events_in_order_with_sources(dated_client):
    page = dated_client.get("/entreprises/exemple-fictif-date").get_data(as_text=True)
    timeline = page.split('id="timeline-title"', 1)[1].split("</section>", 1)[0]
    dates = re.findall(r"Certification [^,<]+, le (\d+(?:er)? \w+ \d{4})", timeline)
    assert dates == ["15 juin 2021", "15 juin 2025", "1er septembre 2025"]
    assert page.count('href="#source-fixture">Source fictive de test</a>') == 3


def test_timeline_gives_bounds_and_the_deduced_term_end(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    timeline = page.split('id="timeline-title"', 1)[1].split("</section>", 1)[0]
    assert "Certification signalée ou accordée, entre le 1er décembre 2020 et le 20 mai 2022" in (
        timeline
    )
    assert "Ajouté au registre le 29 novembre 2026." in timeline
    assert "Fin du terme de 4 ans, entre le 1er décembre 2024 et le 20 mai 2026" in timeline


@pytest.mark.parametrize("bad", ["2024-02-30", "demain", "2024-1-1", "x" * 500])
def test_invalid_date_is_a_readable_400(client, bad):
    page = client.get("/entreprises/maif", query_string={"date": bad})
    assert page.status_code == 400
    assert "AAAA-MM-JJ" in page.get_data(as_text=True)
    api = client.get("/api/v1/companies/maif", query_string={"date": bad})
    assert api.status_code == 400 and api.mimetype == "application/problem+json"


def test_citation_is_plain_selectable_text_with_permalink_and_dates(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    full = re.search(r'<p class="citation-text" id="citation-full" data-copy>(.*?)</p>', page)
    assert full, "citation block missing"
    text = full.group(1)
    assert text.startswith(
        "MAIF — statut Relation Client France au 29 novembre 2026 : non confirmée."
    )
    assert "au plus tard le 20 mai 2026, et aucun renouvellement n&#39;est signalé" in text
    assert "http://localhost/entreprises/maif" in text and "consultée le" in text
    assert 'src="/static/citation.js"' in page
    assert 'id="citation-short"' in page


def test_citation_of_an_as_of_answer_cites_the_dated_url(dated_client):
    page = dated_client.get("/entreprises/exemple-fictif-date?date=2025-07-01").get_data(
        as_text=True
    )
    assert "http://localhost/entreprises/exemple-fictif-date?date=2025-07-01" in page
    assert "au 1er juillet 2025 : certification expirée" in page


def test_review_date_latest_evidence_and_stale_notice_are_shown(client):
    page = client.get("/entreprises/boulanger").get_data(as_text=True)
    assert 'Fiche revue le <time datetime="2026-11-29">29 novembre 2026</time>' in page
    assert "vérification" not in page.lower().replace("vérifier", "")
    stale = "la source la plus récente de cette fiche est parue au plus tard en mai 2022, il y a"
    assert stale in page and "Source la plus récente" not in page, "said once"
    notice = page.split('class="notice stale-evidence"', 1)[1].split("</p>", 1)[0]
    assert "20 mai 2022" not in notice, "the inferred day stays in the sources and the API"
    assert 'class="notice stale-evidence"' in page and "il y a plus de 4 ans" in page
    english = client.get("/entreprises/boulanger?lang=en").get_data(as_text=True)
    assert 'Record reviewed on <time datetime="2026-11-29">29 November 2026</time>' in english
    assert "appeared in May 2022 at the latest, more than 4 years ago" in english


@pytest.mark.parametrize("slug", ["edf", "leroy-merlin"])
def test_an_undated_report_is_the_newest_evidence_and_nothing_is_called_stale(client, slug):
    page = client.get(f"/entreprises/{slug}").get_data(as_text=True)
    assert 'Fiche revue le <time datetime="2026-11-30">30 novembre 2026</time>' in page
    latest = "Source la plus récente : parue à une date inconnue, au plus tôt en juin 2021."
    assert latest in page
    assert "stale-evidence" not in page and "pris fin" not in page
    assert "elle est peut-être encore en vigueur" in page
    english = client.get(f"/entreprises/{slug}?lang=en").get_data(as_text=True)
    assert "it may still be in force" in english and "ended" not in english


@pytest.mark.parametrize(
    ("lang", "plain"),
    [
        ("fr", "Citée comme certifiée par une source non datée, parue au plus tôt en juin 2021."),
        ("en", "Reported as certified by an undated source, published no earlier than June 2021."),
    ],
)
def test_an_undated_report_reads_as_one_plain_sentence_with_the_inferred_day_in_the_detail(
    client, lang, plain
):
    """The verdict box says what may still be true in a month people read; the inferred first
    day (1 June 2021, from the source's own wording) stays in « Le détail des dates »."""
    page = html.unescape(client.get(f"/entreprises/edf?lang={lang}").get_data(as_text=True))
    box = page.split('class="explanation"', 1)[1].split("</p>", 1)[0]
    assert plain in box
    assert "juin 2021" in box or "June 2021" in box
    assert "1er juin" not in box and "1 June" not in box
    detail = page.split('class="date-detail"', 1)[1].split("</details>", 1)[0]
    assert "1er juin 2021" in detail or "1 June 2021" in detail


def test_identity_block_flags_general_knowledge_to_verify(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    identity = page.split("<h2>Identité</h2>", 1)[1].split("<h2>", 1)[0]
    assert identity.count("(à vérifier)") == 3
    homeserve = client.get("/entreprises/homeserve").get_data(as_text=True)
    identity = homeserve.split("<h2>Identité</h2>", 1)[1].split("<h2>", 1)[0]
    assert "HOMESERVE" in identity and "438 424 384" in identity
    assert identity.count("(à vérifier)") == 1  # only the domain
    english = client.get("/entreprises/maif?lang=en").get_data(as_text=True)
    assert "(to verify)" in english


def test_empty_date_from_the_form_shows_the_page_without_an_answer(client):
    response = client.get("/entreprises/maif?date=")
    assert response.status_code == 200
    assert "as-of-answer" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "MAIF — Non confirmée"), ("en", "MAIF — Unconfirmed")]
)
def test_social_cards_and_oembed_use_the_finding_words(client, lang, words):
    page = client.get(f"/entreprises/maif?lang={lang}").get_data(as_text=True)
    assert f'<meta property="og:title" content="{words}">' in page
    assert f'<meta name="twitter:title" content="{words}">' in page
    assert f"<title>{words} · Vérif Relation Client France</title>" in page
    oembed = client.get(f"/oembed?url=http://localhost/entreprises/maif&lang={lang}").get_json()
    assert oembed["title"] == words


def test_a_mention_is_listed_among_the_sources_but_never_in_the_history(client):
    page = client.get("/entreprises/maif").get_data(as_text=True)
    sources = page.split('<ol class="sources">', 1)[1].split("</ol>", 1)[0]
    column = sources.split('<li id="source-en-contact-chronique">', 1)[1].split("</li>", 1)[0]
    assert (
        "Appuie : une simple mention de l&#39;entreprise, qui ne dit rien de son statut." in column
    )
    assert "janvier 2022 et le 31 décembre 2023." in column
    timeline = page.split('<section class="timeline"', 1)[1].split("</section>", 1)[0]
    assert "source-en-contact-chronique" not in timeline
    assert "pris fin au plus tard le 20 mai 2026" in page, "the mention changes no finding"
    english = client.get("/entreprises/maif?lang=en").get_data(as_text=True)
    assert "a mere mention of the company, saying nothing of its status" in english
