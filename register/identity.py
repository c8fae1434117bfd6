"""Checking who the companies are against Sirene, and recording what was confirmed.

A check only ever *adds evidence*: when Sirene knows the SIREN, the unit is active and its
name agrees with the register's legal name, the record gains a dated company-register source
("Sirene, consulté le …") supporting `siren` and `legal_name`. Anything else — an unknown
SIREN, a ceased unit, another name — is a question for a person, so it is reported and never
written. A company without a SIREN gets the name search's candidates, for a person to choose.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from register.model import SIRENE_SOURCE_ID as SOURCE_ID
from register.sirene import LegalUnit, SireneClient, SireneError

DIRECTORY_URL = "https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}"
# Legal forms that Sirene keeps in `nature_juridique`, not in the name itself.
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "se", "sarl", "eurl", "sca", "snc", "scop"})
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")  # fmt: skip
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")  # fmt: skip
CONFIRMED, MISMATCH, CANDIDATES, FAULT = "confirmed", "mismatch", "candidates", "fault"


@dataclass(frozen=True)
class Outcome:
    slug: str
    kind: str
    detail: str
    unit: LegalUnit | None = None

    def line(self) -> str:
        return f"{self.slug}: {self.kind} — {self.detail}"


def check_all(client: SireneClient, register: dict[str, Any]) -> list[Outcome]:
    """One outcome per company, in register order; a fault for one does not stop the others."""
    outcomes = []
    for record in register.get("companies", []):
        try:
            outcomes.append(check_company(client, record))
        except SireneError as exc:
            outcomes.append(Outcome(record["slug"], FAULT, str(exc)))
    return outcomes


def check_company(client: SireneClient, record: dict[str, Any]) -> Outcome:
    slug, siren = record["slug"], record.get("siren")
    if not siren:
        found = client.search(record["name"])
        listed = "; ".join(_describe(unit) for unit in found) or "none"
        return Outcome(slug, CANDIDATES, f"no SIREN in the register; name search found: {listed}")
    unit = next((u for u in client.search(siren) if u.siren == siren), None)
    if unit is None:
        return Outcome(slug, MISMATCH, f"SIREN {siren} is unknown to Sirene")
    if not unit.active:
        state = "ceased" if unit.state == "C" else f"administrative state {unit.state!r}"
        return Outcome(slug, MISMATCH, f"SIREN {siren} ({unit.name}) is {state} in Sirene", unit)
    ours = record.get("legal_name") or record["name"]  # no legal name: the brand must match
    if not names_agree(ours, unit):
        what = "legal name" if record.get("legal_name") else "name (no legal name in the register)"
        return Outcome(
            slug, MISMATCH, f"{what} differs: register {ours!r}, Sirene {unit.name!r}", unit
        )
    return Outcome(slug, CONFIRMED, f"SIREN {siren}, {unit.name}, active", unit)


def names_agree(ours: str, unit: LegalUnit) -> bool:
    """Same name once case, accents, punctuation and a trailing legal form are set aside.

    Sirene writes "ELECTRICITE DE FRANCE" where we write "Électricité de France SA"; and its
    full name may end with the acronym in brackets. Anything further apart is for a person.
    """
    wanted = _folded(ours)
    full = re.sub(r"\s*\([^)]*\)\s*$", "", unit.full_name)
    return bool(wanted) and wanted in {_folded(unit.name), _folded(unit.full_name), _folded(full)}


def with_confirmations(
    register: dict[str, Any], outcomes: list[Outcome], today: dt.date
) -> dict[str, Any]:
    """A copy of the register where each confirmed company cites today's Sirene check.

    The register may be newer than the one checked (publishing applies this under its lock):
    a record whose SIREN changed meanwhile was not checked, so it gains nothing.
    """
    confirmed = {o.slug: o.unit for o in outcomes if o.kind == CONFIRMED and o.unit}
    candidate = copy.deepcopy(register)
    for record in candidate.get("companies", []):
        unit = confirmed.get(record["slug"])
        if unit is None or record.get("siren") != unit.siren:
            continue
        source = sirene_source(unit, today, has_legal_name=bool(record.get("legal_name")))
        others = [s for s in record.get("sources", []) if s.get("id") != SOURCE_ID]
        record["sources"] = [*others, source]
    return candidate


def sirene_source(unit: LegalUnit, today: dt.date, has_legal_name: bool) -> dict[str, Any]:
    """The dated evidence a check leaves behind: what was consulted, when, and what it said."""
    return {
        "id": SOURCE_ID,
        "kind": "company-register",
        "title": f"Sirene, consulté le {_french_date(today)}",
        "title_en": f"Sirene, consulted on {today.day} {ENGLISH_MONTHS[today.month - 1]} "
        f"{today.year}",
        "url": DIRECTORY_URL.format(siren=unit.siren),
        "covers": ["legal_name", "siren"] if has_legal_name else ["siren"],
        "accessed": today.isoformat(),
        "note": f"Unité légale active au registre Sirene sous le nom « {unit.name} ».",
        "note_en": f"Active legal unit in the Sirene register under the name « {unit.name} ».",
    }


def _french_date(day: dt.date) -> str:
    """Source titles are register data, written in French first (`title_en` is the twin)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _describe(unit: LegalUnit) -> str:
    state = "active" if unit.active else "ceased" if unit.state == "C" else unit.state
    where = f", {unit.town}" if unit.town else ""
    return f"{unit.siren} {unit.name} ({state}{where})"


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^0-9a-z]+", " ", plain).split()
    while words and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)
