"""The OpenAPI 3.1 description of the JSON API and exports: the one place it is written.

Served at /api/v1/openapi.json and rendered for people at /api. Its schemas are JSON
Schema 2020-12, and a test validates live responses against them, so they cannot drift.

The texts the /api page shows are written once, as French messages: the page renders them in
its reader's language, and the JSON document always in English (the catalogue's translation),
so programs and caches get one body whatever the request's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from register import STATUSES
from search_index import MAX_LIMIT
from webapp.api import certificates_openapi
from webapp.api.json_schemas import SCHEMAS
from webapp.api.openapi_info import INFO_DESCRIPTION
from webapp.api.schema_parts import DATE, ref
from webapp.wording import SITE_NAME


def _json(schema_name: str, description: LazyString) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref(schema_name)}},
    }


def _problem(description: LazyString) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }


def _query(
    name: str, schema: dict[str, Any], description: LazyString, required: bool = False
) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
        "description": description,
    }


_UNKNOWN_COMPANY = _problem(_l("Aucune entreprise avec cet identifiant"))
_BAD_DATE = _problem(_l("Paramètre invalide, par exemple une date qui n'existe pas"))
_UNCHANGED = {"description": _l("Inchangé depuis votre ETag ou votre date")}
_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": _l("L'identifiant permanent de l'entreprise, par exemple `maif`."),
}
_DATE_PARAM = _query(
    "date",
    DATE,
    _l(
        "Le jour pour lequel le statut est établi (AAAA-MM-JJ) ; sans lui, aujourd'hui (heure "
        "de Paris). Le champ `as_of` de la réponse nomme ce jour."
    ),
)


def _company(summary: LazyString, answer: LazyString) -> dict[str, Any]:
    """A company's record and its finding on a day: the API's route and the page's JSON twin
    answer the same, so they are described once."""
    return {
        "get": {
            "summary": summary,
            "parameters": [_SLUG, _DATE_PARAM],
            "responses": {
                "200": _json("Company", answer),
                "400": _BAD_DATE,
                "404": _UNKNOWN_COMPANY,
            },
        }
    }


# The texts people read (summaries, descriptions of operations, parameters and responses) are
# lazy: read the document through in_reader_language() or in_english(), never directly.
OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
    "info": {
        "title": SITE_NAME,
        "version": "1",
        "description": INFO_DESCRIPTION,
    },
    "servers": [{"url": "/"}],
    "paths": {
        **certificates_openapi.PATHS,
        "/api/v1/companies": {
            "get": {
                "summary": _l("Liste des entreprises du registre"),
                "parameters": [
                    _query(
                        "status",
                        {"enum": list(STATUSES)},
                        _l("Ne garder que les entreprises qui ont ce statut aujourd'hui."),
                    )
                ],
                "responses": {
                    "200": _json("CompanyList", _l("Les entreprises, dans l'ordre du registre")),
                    "400": _problem(_l("Paramètre invalide, par exemple un statut inconnu")),
                },
            }
        },
        "/api/v1/companies/{slug}": _company(
            _l("La fiche complète d'une entreprise, avec son statut à une date si on la donne"),
            _l("La fiche, ses liens et le statut au jour demandé"),
        ),
        "/api/v1/search": {
            "get": {
                "summary": _l("Chercher par nom, domaine ou SIREN"),
                "parameters": [
                    _query(
                        "q",
                        {"type": "string"},
                        _l(
                            "Un nom de marque, seul ou dans une phrase (« service client edf »), "
                            "un domaine ou une adresse web, un SIREN, un SIRET, un numéro de TVA "
                            "français ou un numéro de certificat."
                        ),
                        required=True,
                    ),
                    _query(
                        "limit",
                        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                        _l(
                            "Nombre maximal de résultats, de 1 à %(max)d ; 10 par défaut.",
                            max=MAX_LIMIT,
                        ),
                    ),
                ],
                "responses": {
                    "200": _json(
                        "SearchOutcome",
                        _l(
                            "Un verdict seulement quand la correspondance désigne une entreprise "
                            "(`siren`, `domain`, `exact`, `alias`, `phrase`) ; les correspondances "
                            "`partial`, `prefix` et `fuzzy` ne sont que des suggestions"
                        ),
                    ),
                    "400": _problem(_l("Paramètre `q` absent, ou paramètre invalide")),
                },
            }
        },
        "/entreprises/{slug}.json": _company(
            _l("Le double JSON d'une page d'entreprise (même forme que la fiche de l'API)"),
            _l("La fiche"),
        ),
        "/labels.json": {
            "get": {
                "summary": _l(
                    "Le guide des autres labels du service client : faits, sources, graphies"
                ),
                "responses": {
                    "200": _json(
                        "LabelGuide", _l("Le fichier du guide, tel qu'il est relu dans git")
                    )
                },
            }
        },
        "/registre.json": {
            "get": {
                "summary": _l("Le registre entier, tel qu'il est relu dans git"),
                "responses": {"200": _json("Register", _l("Toutes les fiches")), "304": _UNCHANGED},
            }
        },
        "/journal.json": {
            "get": {
                "summary": _l(
                    "Le journal : chaque correction acceptée du registre, avec sa source"
                ),
                "responses": {"200": _json("Journal", _l("Les corrections")), "304": _UNCHANGED},
            }
        },
        "/registre.csv": {
            "get": {
                "summary": _l(
                    "Le registre en CSV : UTF-8 avec BOM, séparateur « ; », une ligne par "
                    "entreprise"
                ),
                "responses": {
                    "200": {
                        "description": _l(
                            "Colonnes listées sur la page /api, rubrique « Fichiers et flux » ; "
                            "l'historique et les sources sont en JSON dans leur cellule"
                        ),
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "304": _UNCHANGED,
                },
            }
        },
        "/flux.atom": {
            "get": {
                "summary": _l(
                    "Flux Atom : les faits datés, leur entrée au registre et les changements de "
                    "statut, à identifiants tag: stables"
                ),
                "responses": {
                    "200": {
                        "description": _l("Un flux Atom 1.0"),
                        "content": {"application/atom+xml": {"schema": {"type": "string"}}},
                    },
                    "304": _UNCHANGED,
                },
            }
        },
        "/oembed": {
            "get": {
                "summary": _l(
                    "oEmbed pour l'adresse d'une page d'entreprise : une réponse `rich` qui "
                    "encadre sa carte"
                ),
                "parameters": [
                    _query(
                        "url",
                        {"type": "string"},
                        _l("Une page d'entreprise de ce site, par exemple /entreprises/maif"),
                        required=True,
                    ),
                    _query(
                        "format",
                        {"enum": ["json", "xml"]},
                        _l(
                            "`json` (par défaut). `xml`, l'autre format que définit oEmbed, n'est "
                            "pas pris en charge : 501. Toute autre valeur donne 400."
                        ),
                    ),
                    _query(
                        "maxwidth",
                        {"type": "integer", "minimum": 1},
                        _l(
                            "Largeur maximale de la carte, en pixels : la réponse ne la "
                            "dépasse pas."
                        ),
                    ),
                    _query(
                        "maxheight",
                        {"type": "integer", "minimum": 1},
                        _l(
                            "Hauteur maximale de la carte, en pixels : la réponse ne la "
                            "dépasse pas."
                        ),
                    ),
                ],
                "responses": {
                    "200": _json("OEmbed", _l("La réponse oEmbed")),
                    "400": _problem(
                        _l("Un format autre que json ou xml, ou un maxwidth ou maxheight invalide")
                    ),
                    "404": _problem(_l("Pas une page d'entreprise de ce site")),
                    "501": _problem(_l("format=xml : non pris en charge")),
                },
            }
        },
    },
    "components": {
        "schemas": {**SCHEMAS, **certificates_openapi.SCHEMAS},
        "securitySchemes": certificates_openapi.SECURITY_SCHEMES,
    },
}


def in_reader_language() -> dict[str, Any]:
    """The document as the /api page shows it: its texts in the language of the request."""
    return _plain(OPENAPI)


def in_english() -> dict[str, Any]:
    """The document programs read at /api/v1/openapi.json: English whatever the request asked,
    so every client (schemathesis, code generators, caches) gets the same body and ETag."""
    with force_locale("en"):
        return _plain(OPENAPI)


def _plain(node: Any) -> Any:
    """A copy with every lazy text rendered now, since JSON encoders and templates want str."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, LazyString):
        return str(node)
    return node
