"""Deterministic synthetic registers and query mixes, for benchmarks only.

The real register has a dozen companies; the benchmarks need 1k to 100k to show how
search, build and the site behave at any realistic size. Every synthetic company is
plainly marked: its only source is titled "SYNTHÉTIQUE", its domains use the reserved
`.test` top-level domain (RFC 2606) and nothing is ever written under data/. The
files pass the same validation as the real register (Luhn-valid SIRENs, sourced
history), so the benchmarks exercise the real loading and indexing code.

    python -m bench.synth_registry 10000            # -> var/synth/register-10000.json + queries
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import unicodedata
from pathlib import Path

from register import luhn_valid, parse_register
from register.paths import PROJECT_ROOT as ROOT
from search_index.normalize import fold

OUTPUT_DIR = ROOT / "var" / "synth"
SEED = 20261129


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))


SYNTHETIC_SOURCE = {
    "id": "synthetique",
    "kind": "press",
    "title": "SYNTHÉTIQUE — registre généré pour les mesures de performance, entreprise fictive",
    "url": "https://synthetique.test/registre",
    "covers": ["name", "legal_name", "aliases", "domains", "siren", "status"],
    "note": "Données inventées par bench/synth_registry.py ; ne décrivent aucune entreprise.",
}
SYNTHETIC_RULES = {
    "name": "Relation Client France",
    "term_years": 4,
    "term_sources": ["synthetique"],
    "exists_from": "2020-12-01",
    "exists_from_reason": "Règle reprise du registre réel pour les mesures.",
    "exists_from_sources": ["synthetique"],
    "sources": [{**SYNTHETIC_SOURCE, "covers": ["term_years", "exists_from"]}],
}
FAMILY = _words(
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre "
    "Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc "
    "Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez "
    "Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly "
    "Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Pérez Marchand Dufour Blanchard "
    "Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud "
    "Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard "
    "Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Hubert Louis Charles "
    "Guillot Rivière Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Ménard Fleury "
    "Deschamps Carpentier Julien Benoît Paris Maillard Marchal Aubry Vasseur Renault "
    "Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré "
    "Breton Rémy Schneider Perret Giraud Cordier Bailly Hervé Bouvier Besnard Étienne Leblanc"
)
PLACES = _words(
    "Rhône Loire Seine Garonne Provence Bretagne Normandie Alsace Lorraine Picardie Vendée "
    "Savoie Auvergne Gascogne Anjou Touraine Berry Limousin Quercy Périgord Champagne "
    "Bourgogne Jura Vosges Ardennes Flandre Artois Béarn Corse Cévennes Camargue Morvan "
    "Atlantique Méditerranée Val-de-Marne Île-de-France Lyon Lille Nantes Rennes Toulouse "
    "Bordeaux Marseille Grenoble Dijon Reims Brest Caen Metz Nancy Tours Angers Orléans"
)
SECTORS = _words(
    "Assurances|Mutuelle|Banque|Crédit|Énergie|Électricité|Télécom|Fibre|Transports|"
    "Voyages|Optique|Pharmacie|Immobilier|Habitat|Énergies Nouvelles|Distribution|"
    "Électroménager|Ameublement|Cuisines|Jardinage|Bricolage|Informatique|Logistique|"
    "Services à la personne|Prévoyance|Automobiles|Location|Vins|Fromagerie|Boulangerie|"
    "Chaussures|Textile|Literie|Piscines|Chauffage|Plomberie|Sécurité|Santé|Audition|"
    "Courtage|Épargne|Loisirs|Croisières|Hôtellerie|Restauration|Livraison|Édition",
    separator="|",
)
PATTERNS = (
    "{family} {sector}",
    "{sector} {family}",
    "{sector} du {place}",
    "{sector} de {place}",
    "{family} & Fils",
    "Groupe {family}",
    "{family} {place}",
    "{sector} {place}",
    "{family}-{family2}",
    "Maison {family}",
)
LEGAL_FORMS = ("SA", "SAS", "SARL", "SCA", "SE")
STATUS_WEIGHTS = {"certified": 80, "expired": 12, "suspended": 4, "withdrawn": 4}
# How people wrap a brand name when they search (search_index/vocabulary.py's generic words).
PHRASES = (
    "service client {name}",
    "la {name}",
    "{name} avis",
    "numéro de téléphone {name}",
    "contacter le service client de {name}",
    "{name} customer service",
    "sav {name}",
    "mon compte {name}",
)
# Drawn with these weights: whole names most often, then brands inside phrases.
QUERY_KINDS = (
    *("exact", "exact", "exact", "typo", "prefix", "prefix", "domain", "siren", "miss"),
    *("phrase", "phrase", "phrase"),
)
MISSES = (
    "licorne imaginaire",
    "zzqx",
    "entreprise inexistante",
    "pomme de terre",
    "quantique",
    "xylophone",
    "ornithorynque conseil",
    "kw",
)


def siren_from(number: int) -> str:
    """Eight digits from `number`, then the Luhn check digit that makes the SIREN valid."""
    body = f"{number % 100_000_000:08d}"
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def slugify(text: str) -> str:
    return fold(text).replace(" ", "-")


def _domain_label(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify(ascii_name)[:60].strip("-")


def synthetic_names(count: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = rng.choice(PATTERNS).format(
            family=rng.choice(FAMILY),
            family2=rng.choice(FAMILY),
            sector=rng.choice(SECTORS),
            place=rng.choice(PLACES),
        )
        if fold(name) in seen:
            name = f"{name} {rng.choice(PLACES)}"
        if fold(name) in seen:
            continue
        seen.add(fold(name))
        names.append(name)
    return names


def company_record(name: str, position: int, rng: random.Random) -> dict:
    slug = slugify(name)
    status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
    aliases = []
    words = [w for w in fold(name).split() if w not in ("du", "de")]
    if len(words) >= 2 and rng.random() < 0.3:
        aliases.append("".join(w[0] for w in words).upper() + " " + words[-1].capitalize())
    domains = [f"{_domain_label(name)}.test"]
    if rng.random() < 0.2:
        domains.append(f"{_domain_label(name)}-client.test")
    granted = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1500))
    history = [{"event": "certified", "date": granted.isoformat(), "sources": ["synthetique"]}]
    if status != "certified":
        later = granted + dt.timedelta(days=rng.randrange(100, 900))
        history.append({"event": status, "date": later.isoformat(), "sources": ["synthetique"]})
    return {
        "slug": slug,
        "name": name,
        "legal_name": f"{name} {rng.choice(LEGAL_FORMS)}",
        "aliases": aliases,
        "domains": domains,
        "siren": siren_from(10_000_000 + position * 7919),
        "certificates": [],
        "scope": None,
        "reviewed_on": None,
        "note": "Entreprise fictive (registre synthétique de mesure).",
        "history": history,
        "sources": [SYNTHETIC_SOURCE],
    }


def synthetic_register(count: int, seed: int = SEED) -> dict:
    rng = random.Random(seed)
    names = synthetic_names(count, rng)
    return {
        "schema_version": 2,
        "label_rules": SYNTHETIC_RULES,
        "synthetic": True,
        "companies": [company_record(name, i, rng) for i, name in enumerate(names)],
    }


def _typo(text: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(text))
    return text[:position] + rng.choice("aeiourstln") + text[position + 1 :]


def query_mix(register: dict, count: int, seed: int = SEED) -> list[dict]:
    """Queries as people type them, each tagged with its kind (and expected slug if any)."""
    rng = random.Random(seed + 1)
    companies = register["companies"]
    kinds = QUERY_KINDS
    queries = []
    for _ in range(count):
        kind = rng.choice(kinds)
        company = rng.choice(companies)
        name = company["name"]
        if kind == "exact":
            text = name.lower() if rng.random() < 0.5 else name
        elif kind == "typo":
            text = _typo(name, rng) if len(name) >= 8 else name
        elif kind == "prefix":
            text = name[: rng.randint(3, min(8, len(name)))]
        elif kind == "domain":
            text = "https://www." + company["domains"][0] + "/contact"
        elif kind == "phrase":
            text = rng.choice(PHRASES).format(name=name.lower() if rng.random() < 0.5 else name)
        elif kind == "siren":
            siren = company["siren"]
            text = f"{siren[:3]} {siren[3:6]} {siren[6:]}"
        else:
            text = rng.choice(MISSES)
        expected = company["slug"] if kind in ("exact", "domain", "siren", "phrase") else None
        queries.append({"kind": kind, "text": text, "expected": expected})
    return queries


def write_synthetic(count: int, directory: Path = OUTPUT_DIR, queries: int = 1000) -> Path:
    """Write register-<count>.json (validated) and queries-<count>.json; return the register."""
    directory.mkdir(parents=True, exist_ok=True)
    raw = synthetic_register(count)
    parse_register(raw, origin=f"synthetic-{count}")
    register_path = directory / f"register-{count}.json"
    register_path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    (directory / f"queries-{count}.json").write_text(
        json.dumps(query_mix(raw, queries), ensure_ascii=False, indent=0), encoding="utf-8"
    )
    return register_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int, help="number of companies, e.g. 1000")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help="never data/")
    args = parser.parse_args(argv)
    if (ROOT / "data") in [args.out.resolve(), *args.out.resolve().parents]:
        parser.error("synthetic registers are never written under data/")
    for size in args.sizes:
        print(write_synthetic(size, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
