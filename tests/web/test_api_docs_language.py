"""The /api page speaks its reader's language; /api/v1/openapi.json is English for everyone.

Each text people read about an endpoint is written once, as a French message: the page renders
it in the request's language, the JSON document in English. A text left untranslated, or
written as a plain string, reads the same in both and fails here.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask_babel import force_locale
from flask_babel.speaklater import LazyString

from webapp.api.openapi import OPENAPI, in_english

# Distinctive phrases of the endpoint texts, in each language, and the old page's English note.
ENGLISH = (
    "Publish certificates (certifiers only)",
    "Every record applied (or unchanged)",
    "Keep only the companies with this status today",
    "The company's permanent identifier",
    "Unchanged since your ETag or date",
    "Columns as listed on the /api page",
    "A verdict only when the match designates a company",
    "The card's maximum width in pixels",
)
FRENCH = (
    "Publier des certificats (certificateurs seulement)",
    "Toutes les fiches appliquées (ou inchangées)",
    "Ne garder que les entreprises qui ont ce statut aujourd'hui",
    "L'identifiant permanent de l'entreprise",
    "Inchangé depuis votre ETag ou votre date",
    "Colonnes listées sur la page /api",
    "Un verdict seulement quand la correspondance désigne une entreprise",
    "Largeur maximale de la carte, en pixels",
)
GONE = ("rédigé en anglais", "Columns as in docs/api.md", "A readable error")
# What the document says for people, operation by operation: (path, method, field, text).
_OPERATION_TEXTS = ("summary", "description")


def endpoint_texts(document: dict) -> list[tuple[str, ...]]:
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            found += [(path, method, k, operation[k]) for k in _OPERATION_TEXTS if k in operation]
            found += [
                (path, method, f"parameter {p['name']}", p["description"])
                for p in operation.get("parameters", [])
                if "description" in p
            ]
            found += [
                (path, method, f"response {code}", response["description"])
                for code, response in operation["responses"].items()
            ]
    return found


def visible_text(client, url: str) -> str:
    page = client.get(url).get_data(as_text=True)
    return unescape(re.sub(r"<[^>]+>", " ", page.split("<main", 1)[1]))


def test_the_french_api_page_shows_the_endpoint_texts_in_french(client):
    text = visible_text(client, "/api")
    assert [phrase for phrase in FRENCH if phrase not in text] == []
    assert [phrase for phrase in ENGLISH + GONE if phrase in text] == []


def test_the_english_api_page_shows_no_french_endpoint_text(client):
    text = visible_text(client, "/api?lang=en")
    assert [phrase for phrase in ENGLISH if phrase not in text] == []
    assert [phrase for phrase in FRENCH + GONE if phrase in text] == []


def test_the_english_api_page_commands_carry_no_language_argument(client):
    """The page's own links keep ?lang=en; the API URLs in its commands must not."""
    page = client.get("/api?lang=en").get_data(as_text=True)
    commands = " ".join(re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S))
    assert commands.count("curl ") == 5
    assert "lang=" not in commands


@pytest.mark.parametrize("url", ["/api", "/api?lang=en"])
def test_no_endpoint_text_is_marked_as_another_language(client, url):
    page = client.get(url).get_data(as_text=True)
    sections = re.findall(r'<section class="endpoint".*?</section>', page, re.S)
    assert len(sections) == sum(len(operations) for operations in OPENAPI["paths"].values())
    assert [section for section in sections if " lang=" in section] == []


def test_every_endpoint_text_is_translatable_and_translated(app):
    """A plain string would show one language on both pages; a missing translation too."""
    plain = [where for *where, text in endpoint_texts(OPENAPI) if not isinstance(text, LazyString)]
    assert plain == []
    with app.test_request_context("/api"):
        with force_locale("fr"):
            french = [str(text) for *_, text in endpoint_texts(OPENAPI)]
        english = [text for *_, text in endpoint_texts(in_english())]
    same = [fr for fr, en in zip(french, english, strict=True) if fr == en]
    assert same == []


@pytest.mark.parametrize(
    "headers",
    [{"Accept-Language": "fr-FR,fr;q=0.9"}, {"Accept-Language": "en-GB,en;q=0.8"}, {}],
    ids=["french-reader", "english-reader", "no-language"],
)
def test_openapi_json_is_english_for_every_reader(client, headers):
    english = client.get("/api/v1/openapi.json", headers={"Accept-Language": "en"})
    response = client.get("/api/v1/openapi.json?lang=fr", headers=headers)
    assert response.get_data() == english.get_data()
    assert response.headers["ETag"] == english.headers["ETag"]
    texts = " ".join(text for *_, text in endpoint_texts(response.get_json()))
    assert [phrase for phrase in ENGLISH if phrase not in texts] == []
    assert [phrase for phrase in FRENCH if phrase in texts] == []


# The document's structure as programs rely on it: operations, their parameters (name, where,
# required) and response codes. Texts may improve; none of this changes with them.
STRUCTURE = {
    ("post", "/api/v1/certificates"): ((), ("200", "400", "401", "413", "422", "429", "503")),
    ("get", "/api/v1/certificates/{number}"): ((("number", "path", True),), ("200", "404")),
    ("get", "/api/v1/companies"): ((("status", "query", False),), ("200", "400")),
    ("get", "/api/v1/companies/{slug}"): (
        (("slug", "path", True), ("date", "query", False)),
        ("200", "400", "404"),
    ),
    ("get", "/api/v1/search"): ((("q", "query", True), ("limit", "query", False)), ("200", "400")),
    ("get", "/entreprises/{slug}.json"): (
        (("slug", "path", True), ("date", "query", False)),
        ("200", "400", "404"),
    ),
    ("get", "/labels.json"): ((), ("200",)),
    ("get", "/registre.json"): ((), ("200", "304")),
    ("get", "/registre.csv"): ((), ("200", "304")),
    ("get", "/journal.json"): ((), ("200", "304")),
    ("get", "/flux.atom"): ((), ("200", "304")),
    ("get", "/oembed"): (
        (
            ("url", "query", True),
            ("format", "query", False),
            ("maxwidth", "query", False),
            ("maxheight", "query", False),
        ),
        ("200", "400", "404", "501"),
    ),
}


def test_openapi_json_keeps_its_operations_parameters_and_response_codes(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    structure = {
        (method, path): (
            tuple((p["name"], p["in"], p["required"]) for p in operation.get("parameters", [])),
            tuple(operation["responses"]),
        )
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert structure == STRUCTURE
    assert all("operationId" not in op for ops in spec["paths"].values() for op in ops.values())
