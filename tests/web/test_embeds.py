"""The iframe card, the loader and the configurator, through the real Flask app."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import html
import re

import pytest

from webapp.embeds.headers import WIDGET

EMBED_CACHE = "public, max-age=300, stale-while-revalidate=86400"


def policy(response) -> dict[str, str]:
    directives = (
        d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";")
    )
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_card_shows_name_status_press_caveat_date_and_verify_link(client):
    response = client.get("/embed/maif")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<h1 class="who">MAIF</h1>' in page and "Certification de" not in page
    assert "Non confirmée" in page and "Certifié" not in page and "✓" not in page
    assert "dernière source : parue au plus tard en mai 2022" in page
    assert "preuve" not in page, "an article appears; it is a source, not a proof"
    assert "Statut au 29 novembre 2026" in page
    assert '<a href="http://localhost/entreprises/maif" target="_blank" rel="noopener">' in page


def test_card_is_small_and_needs_no_inline_script(client):
    body = client.get("/embed/maif?theme=dark&size=l").get_data()
    assert len(body) < 10 * 1024
    scripts = re.findall(rb"<script([^>]*)>(.*?)</script>", body, flags=re.S)
    assert scripts and all(b"src=" in attrs and not content for attrs, content in scripts)


def test_card_inline_style_is_allowed_by_its_hash(client):
    response = client.get("/embed/maif")
    style = re.search(r"<style>(.*?)</style>", response.get_data(as_text=True), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy(response)["style-src"] == f"'sha256-{digest}'"


@pytest.mark.parametrize("path", ["/embed/maif", "/embed/unknown", "/badge/maif.svg"])
def test_embed_routes_may_be_framed_by_any_site(client, path):
    assert policy(client.get(path))["frame-ancestors"] == "*"


@pytest.mark.parametrize(
    "path", ["/", "/entreprises/maif", "/widget?q=maif", "/label", "/recherche?q=maif", "/nowhere"]
)
def test_other_pages_refuse_framing(client, path):
    assert policy(client.get(path))["frame-ancestors"] == "'none'"


def test_unconfirmed_card_on_the_company_own_site_never_says_this_site_is_certified(client):
    page = client.get("/embed/maif", headers={"Referer": "https://www.maif.fr/contact"})
    text = page.get_data(as_text=True)
    assert "Le service client de ce site" not in text
    assert (
        '<h1 class="who">MAIF</h1>' in text
        and "Certification de" not in text
        and "Non confirmée" in text
    )


@pytest.mark.parametrize(
    ("day", "speaks_of_this_site"), [(dt.date(2025, 1, 1), True), (dt.date(2026, 11, 29), False)]
)
def test_card_on_the_company_own_site_speaks_of_this_site_only_while_certified(
    make_app, dated_index_dir, day, speaks_of_this_site
):
    client = make_app(INDEX_DIR=str(dated_index_dir), CLOCK=lambda: day).test_client()
    headers = {"Referer": "https://www.example.com/contact"}
    text = client.get("/embed/exemple-fictif-complet", headers=headers).get_data(as_text=True)
    assert ("Le service client de ce site (Exemple Fictif Complet)" in text) is speaks_of_this_site
    assert ("Certifiée" in text) is speaks_of_this_site


def test_card_on_a_seller_site_names_the_company_and_says_so(client):
    text = client.get(
        "/embed/maif", headers={"Referer": "https://revendeur.example/maif.fr"}
    ).get_data(as_text=True)
    assert '<h1 class="who">MAIF</h1>' in text and "Certification de" not in text
    assert "pas forcément du site qui l'affiche" in text
    assert "ce site (MAIF)" not in text


def test_look_alike_domain_is_not_the_company_site(client):
    text = client.get("/embed/maif", headers={"Referer": "https://notmaif.fr/"}).get_data(
        as_text=True
    )
    assert '<h1 class="who">MAIF</h1>' in text and "Certification de" not in text


def test_card_without_referer_is_neutral_and_varies_on_referer(client):
    response = client.get("/embed/maif")
    text = response.get_data(as_text=True)
    assert (
        '<h1 class="who">MAIF</h1>' in text
        and "Certification de" not in text
        and "pas forcément" not in text
    )
    assert "Referer" in response.headers["Vary"]


def test_card_caching_and_304(client):
    response = client.get("/embed/maif")
    assert response.headers["Cache-Control"] == EMBED_CACHE
    assert (
        client.get("/embed/maif", headers={"If-None-Match": response.headers["ETag"]}).status_code
        == 304
    )
    assert "Set-Cookie" not in response.headers


def test_unknown_card_is_a_neutral_404(client):
    response = client.get("/embed/maaf")
    text = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Entreprise non trouvée" in text and "Certifié" not in text
    assert "/recherche?q=maaf" in text


def test_loader_fits_the_gzip_budget_and_uses_one_namespace(client):
    source = client.get("/widget.js").get_data()
    assert len(gzip.compress(source, 9)) <= 3 * 1024
    assigned = set(re.findall(rb"window\.([A-Za-z_$][\w$]*)\s*=", source))
    assert assigned == {b"RelationClientFrance"}


def test_loader_versioned_url_is_long_cached_and_stable_url_is_short_cached(client):
    versioned = client.get(f"/widget.js?v={WIDGET.version}")
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert versioned.mimetype == "text/javascript"
    for stale in ("/widget.js", "/widget.js?v=0ld"):
        assert client.get(stale).headers["Cache-Control"] == EMBED_CACHE
    assert versioned.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def snippets(page: str) -> list[str]:
    return [html.unescape(s) for s in re.findall(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)]


def test_configurator_gives_script_snippet_with_fallback_link(client):
    page = client.get("/widget?q=maif").get_data(as_text=True)
    [snippet] = snippets(page)
    assert snippet.startswith(
        '<div data-rcf-slug="maif"><a href="http://localhost/entreprises/maif">'
    )
    assert f'<script src="http://localhost/widget.js?v={WIDGET.version}" async></script>' in snippet
    assert 'src="http://localhost/embed/maif"' in page


def test_configurator_badge_snippets_in_html_and_markdown(client):
    page = client.get("/widget?q=maif.fr&type=badge&theme=dark&embed_lang=en").get_data(
        as_text=True
    )
    html_snippet, markdown = snippets(page)
    badge = "http://localhost/badge/maif.svg?theme=dark&lang=en"
    assert f'<img src="{html.escape(badge)}"' in html_snippet
    assert markdown.startswith("[![Relation Client France status of MAIF]")
    assert markdown.endswith(f"]({badge})](http://localhost/entreprises/maif?lang=en)")


def test_configurator_iframe_snippet_keeps_non_default_options(client):
    page = client.get("/widget?q=MAIF&type=iframe&size=l").get_data(as_text=True)
    [snippet] = snippets(page)
    assert snippet.startswith('<iframe src="http://localhost/embed/maif?size=l"')


def test_configurator_prefix_query_offers_choices_not_a_snippet(client):
    page = client.get("/widget?q=boul").get_data(as_text=True)
    assert snippets(page) == []
    assert 'href="/widget?q=Boulanger&amp;type=script"' in page


def test_configurator_htmx_gets_the_preview_fragment_only(client):
    headers = {"HX-Request": "true", "HX-Trigger": "widget-form"}
    response = client.get("/widget?q=maif&type=badge", headers=headers)
    text = response.get_data(as_text=True)
    assert "<html" not in text and "Aperçu pour MAIF" in text
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" in client.get("/widget?q=maif").get_data(as_text=True)


def test_configurator_refuses_unknown_type_readably(client):
    response = client.get("/widget?q=maif&type=popup")
    assert response.status_code == 400
    assert "type" in response.get_data(as_text=True)


def test_company_page_links_to_configurator(client):
    assert 'href="/widget?q=MAIF"' in client.get("/entreprises/maif").get_data(as_text=True)


def test_english_card(client):
    text = client.get("/embed/maif?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in text
    assert (
        '<h1 class="who">MAIF</h1>' in text
        and "Certification of" not in text
        and "Unconfirmed" in text
        and "Certified" not in text
    )
    assert 'href="http://localhost/entreprises/maif?lang=en"' in text


def test_configurator_title_offers_a_status_not_the_label(client):
    """The configurator shows non-certified statuses too: its title says "a status", as the
    footer link does, never that the label itself is shown."""
    french = client.get("/widget?q=maif").get_data(as_text=True)
    assert "<title>Afficher un statut sur votre site" in french
    assert "<h1>Afficher un statut sur votre site</h1>" in french
    assert "Afficher le label" not in french
    english = client.get("/widget?lang=en").get_data(as_text=True)
    assert "<title>Show a status on your website" in english and "Show the label" not in english


def test_configurator_language_and_embed_language_are_independent(client):
    page = client.get("/widget?q=maif&type=badge&lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "<h1>Show a status on your website</h1>" in page
    assert '<input type="hidden" name="lang" value="en">' in page
    html_snippet, markdown = snippets(page)
    assert 'src="http://localhost/badge/maif.svg"' in html_snippet
    assert "Statut Relation Client France de MAIF" in markdown, "no status that could go stale"


def test_card_previewed_on_this_site_is_neutral(client):
    text = client.get(
        "/embed/maif", headers={"Referer": "http://localhost/widget?q=maif"}
    ).get_data(as_text=True)
    assert (
        '<h1 class="who">MAIF</h1>' in text
        and "Certification de" not in text
        and "pas forcément" not in text
    )


@pytest.mark.parametrize(
    "referer", ["http://[", "http://[::1]/", "https://[v1.x]/", "http://a:99999/"]
)
def test_an_unparsable_or_ipv6_referer_gets_the_neutral_card_not_a_500(client, referer):
    response = client.get("/embed/maif", headers={"Referer": referer})
    assert response.status_code == 200


def test_the_company_page_shares_a_1200_by_630_png_with_its_status(client):
    from io import BytesIO

    from PIL import Image

    page = client.get("/entreprises/maif?lang=en").get_data(as_text=True)
    image_url = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert image_url == "http://localhost/social/maif.png?lang=en"
    response = client.get(image_url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(BytesIO(response.get_data())).size == (1200, 630)
    etag = response.headers["ETag"]
    assert client.get(image_url, headers={"If-None-Match": etag}).status_code == 304
    french = client.get("/social/maif.png?lang=fr")
    assert french.get_data() != response.get_data(), "each language has its own words"
    assert client.get("/social/personne.png").status_code == 404
