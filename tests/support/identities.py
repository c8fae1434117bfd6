"""A fictional register and the matching fake Sirene answers, one company per case.

The records are copies of bundled ones (so they follow whatever the register's format is)
with invented names and SIRENs; every answer is invented too. Used by the identity-check
tests and to produce the example session in docs/operations.md.
"""

from __future__ import annotations

import copy

from bench.synth_registry import siren_from
from tests.support.sirene_server import NOT_JSON, STALL, found, legal_unit, status

# slug: (name, legal name, SIREN or None)
CASES = {
    "exemple-actif": ("Exemple Actif", "Exemple Actif SAS", siren_from(90_000_001)),
    "exemple-cesse": ("Exemple Cessé", "Exemple Cessé SA", siren_from(90_000_002)),
    "exemple-renomme": ("Exemple Renommé", "Exemple Renommé SA", siren_from(90_000_003)),
    "exemple-inconnu": ("Exemple Inconnu", "Exemple Inconnu SAS", siren_from(90_000_004)),
    "exemple-limite": ("Exemple Limité", "Mutuelle Exemple Limitée", siren_from(90_000_005)),
    "exemple-panne": ("Exemple Panne", "Exemple Panne SAS", siren_from(90_000_006)),
    "exemple-lent": ("Exemple Lent", "Exemple Lent SAS", siren_from(90_000_007)),
    "exemple-brouille": ("Exemple Brouillé", "Exemple Brouillé SAS", siren_from(90_000_008)),
    "exemple-sans-siren": ("Exemple Sans Siren", None, None),
}


def fictional_register(bundled: dict, slugs: list[str] | None = None) -> dict:
    """The bundled register's shape, with one invented company per requested case."""
    raw = copy.deepcopy(bundled)
    template = raw["companies"][0]
    raw["companies"] = []
    for slug in slugs or list(CASES):
        name, legal_name, siren = CASES[slug]
        record = copy.deepcopy(template)
        record.update(slug=slug, name=name, legal_name=legal_name, siren=siren,
                      aliases=[], domains=[])  # fmt: skip
        record["sources"] = [s for s in record["sources"] if s["kind"] != "company-register"]
        raw["companies"].append(record)
    return raw


def answers() -> dict[str, list[tuple]]:
    """What the fake API says for each case's query (a SIREN, or a name)."""
    sirens = {slug: siren for slug, (_n, _l, siren) in CASES.items()}
    return {
        sirens["exemple-actif"]: [found(legal_unit(sirens["exemple-actif"], "EXEMPLE ACTIF"))],
        sirens["exemple-cesse"]: [found(legal_unit(sirens["exemple-cesse"], "EXEMPLE CESSE", "C"))],
        sirens["exemple-renomme"]: [
            found(legal_unit(sirens["exemple-renomme"], "TOUT AUTRE NOM INDUSTRIE"))
        ],
        sirens["exemple-inconnu"]: [found()],
        sirens["exemple-limite"]: [
            status(429, {"Retry-After": "30"}),
            found(legal_unit(sirens["exemple-limite"], "MUTUELLE EXEMPLE LIMITEE", acronym="MEL")),
        ],
        sirens["exemple-panne"]: [status(500)],
        sirens["exemple-lent"]: [STALL],
        sirens["exemple-brouille"]: [NOT_JSON],
        "Exemple Sans Siren": [
            found(
                legal_unit(siren_from(90_000_011), "EXEMPLE SANS SIREN"),
                legal_unit(siren_from(90_000_012), "EXEMPLE SANS SIREN SERVICES", "C"),
            )
        ],
    }
