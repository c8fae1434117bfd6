"""The OpenAPI description of the certificate routes: publishing (bearer token) and verifying.

Merged into webapp.api.openapi's document; kept apart so each file stays readable. The
examples are the ones the API page shows a certifier with curl.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from register import STATUSES
from register.model import CERTIFICATE_STATUSES
from webapp.api.schema_parts import (
    CERTIFICATE_STATEMENT,
    DATE,
    NULLABLE_TEXT,
    object_schema,
    ref,
)

MAX_RECORDS = 500
RESULTS = ["created", "updated", "unchanged"]

EXAMPLE_BATCH = {
    "certificates": [
        {
            "number": "RCF-2026-0042",
            "company": {"siren": "775709702"},
            "status": "active",
            "issued_on": "2026-01-15",
            "valid_until": "2030-01-14",
            "scope": "Service client à distance : téléphone, courriel, messagerie",
        }
    ]
}
EXAMPLE_RESULTS = {"results": [{"number": "RCF-2026-0042", "company": "maif", "result": "created"}]}
EXAMPLE_REFUSAL = {
    "type": "about:blank",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "Nothing was applied: every record below must be corrected, then the whole batch "
    "sent again.",
    "errors": [
        {"index": 0, "field": "valid_until", "message": "must not be before issued_on"},
    ],
}

SECURITY_SCHEMES = {
    "certifierToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A certifier's token, given once by the site's operator "
        "(`flask --app webapp certifiers add`). Missing, unknown and revoked tokens get 401.",
    }
}


def _problem(description: LazyString, **extra: Any) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem"), **extra}},
    }


# A version as the certificate route shows it: its statement, who published it and on what.
_VERSION = object_schema(
    {
        **CERTIFICATE_STATEMENT,
        "published_on": {
            **DATE,
            "description": "The day this version entered the register (a publication date).",
        },
        "published_by": {
            **NULLABLE_TEXT,
            "description": "The certifier account that published it through this API.",
        },
        "source": object_schema({"id": {"type": "string"}, "kind": {"type": "string"}}),
    }
)

SCHEMAS: dict[str, Any] = {
    "CertificateRecord": {
        "type": "object",
        "required": ["number", "company", "status", "issued_on", "valid_until"],
        "additionalProperties": False,
        "properties": {
            "number": {"type": "string", "maxLength": 64},
            "company": {
                "type": "object",
                "additionalProperties": False,
                "description": "`siren` or `slug` of a company in the register; add `name` "
                "(and optionally `domain`) to add a company the register does not hold.",
                "properties": {
                    "siren": {"type": "string", "pattern": "^[0-9]{9}$"},
                    "slug": {"type": "string"},
                    "name": {"type": "string", "maxLength": 200},
                    "domain": {"type": "string"},
                },
            },
            "status": {"enum": list(CERTIFICATE_STATUSES)},
            "issued_on": DATE,
            "valid_until": DATE,
            "status_since": {**DATE, "description": "Required unless `active`; not in the future."},
            "scope": {"type": "string", "maxLength": 500},
        },
    },
    "CertificateBatch": {
        "type": "object",
        "required": ["certificates"],
        "properties": {
            "certificates": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_RECORDS,
                "items": ref("CertificateRecord"),
            }
        },
    },
    "CertificateResults": {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["number", "company", "result"],
                    "properties": {
                        "number": {"type": "string"},
                        "company": {"type": "string", "description": "The company's slug."},
                        "result": {"enum": RESULTS},
                    },
                },
            }
        },
    },
    "CertificateAnswer": {
        "type": "object",
        "required": ["certificate", "company", "finding", "history"],
        "properties": {
            "certificate": {
                **_VERSION,
                "required": ["number", "url", *_VERSION["required"]],
                "properties": {
                    "number": {"type": "string"},
                    "url": {"type": "string"},
                    **_VERSION["properties"],
                },
            },
            "company": ref("CompanySummary"),
            "finding": {
                "type": "object",
                "required": ["as_of", "status", "basis", "reason"],
                "properties": {"as_of": DATE, "status": {"enum": list(STATUSES)}},
            },
            "history": {
                "type": "array",
                "description": "Every version published about this certificate, oldest first.",
                "items": _VERSION,
            },
        },
    },
}

PATHS: dict[str, Any] = {
    "/api/v1/certificates": {
        "post": {
            "summary": _l(
                "Publier des certificats (certificateurs seulement) : de 1 à %(max)d fiches, "
                "appliquées toutes ou aucune",
                max=MAX_RECORDS,
            ),
            "description": _l(
                "Chaque fiche a pour clé son `number`. Un numéro renvoyé avec le même contenu est "
                "`unchanged` ; une fiche modifiée devient une nouvelle version datée, sans rien "
                "effacer. Le lot est validé comme un import, puis l'index en service est remplacé "
                "sur chaque nœud. Chaque appel est audité, et chaque changement est public dans "
                "/journal et dans le flux Atom, avec le nom du certificateur. Un navigateur "
                "n'envoie jamais de lui-même un jeton bearer : aucune autre protection contre les "
                "requêtes intersites n'est nécessaire."
            ),
            "security": [{"certifierToken": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": ref("CertificateBatch"),
                        "example": EXAMPLE_BATCH,
                    }
                },
            },
            "responses": {
                "200": {
                    "description": _l("Toutes les fiches appliquées (ou inchangées)"),
                    "content": {
                        "application/json": {
                            "schema": ref("CertificateResults"),
                            "example": EXAMPLE_RESULTS,
                        }
                    },
                },
                "400": _problem(_l("Le corps de la requête n'est pas du JSON")),
                "401": _problem(_l("Jeton absent, inconnu ou révoqué (WWW-Authenticate: Bearer)")),
                "413": _problem(_l("Le corps de la requête dépasse la taille permise")),
                "422": _problem(
                    _l(
                        "Rien n'est appliqué : `errors` désigne chaque fiche fautive par son "
                        "`index` (à partir de 0 ; null pour le lot) et son `field` (null pour la "
                        "fiche entière)"
                    ),
                    example=EXAMPLE_REFUSAL,
                ),
                "429": _problem(_l("Budget de ce compte dépassé ; voir Retry-After")),
                "503": _problem(_l("Le registre n'a pas pu être installé ; rien n'a changé")),
            },
        }
    },
    "/api/v1/certificates/{number}": {
        "get": {
            "summary": _l("Vérifier un certificat par son numéro (sans jeton)"),
            "description": _l(
                "Le certificat tel qu'il a été publié en dernier, son entreprise, le statut de "
                "l'entreprise aujourd'hui et toutes les versions publiées, de la plus ancienne à "
                "la plus récente. La casse, les espaces et les tirets du numéro sont indifférents."
            ),
            "parameters": [
                {
                    "name": "number",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                    "description": _l("Le numéro du certificat, par exemple `RCF-2026-0042`."),
                    "example": "RCF-2026-0042",
                }
            ],
            "responses": {
                "200": {
                    "description": _l("Le certificat"),
                    "content": {"application/json": {"schema": ref("CertificateAnswer")}},
                },
                "404": _problem(_l("Aucun certificat de ce numéro dans le registre")),
            },
        }
    },
}
