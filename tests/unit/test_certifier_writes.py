"""No writer erases what certifiers published through the API: an upstream file without their
certificates is imported with them kept, and the summary says how many."""

from __future__ import annotations

import copy
import datetime as dt
import json

from register import find, parse_register
from register.importing import prepare
from register.publishing import publish
from register.source import Incoming
from search_index.publish import index_installer
from tests.support.certificates import certificate_record, with_certificates
from tests.support.site import Site

TODAY = dt.date(2026, 11, 30)
MAIF = certificate_record()
NEW = certificate_record(
    number="RCF-2026-0002", company={"siren": "123456782", "name": "Entreprise Nouvelle"}
)


def published(raw: dict) -> dict:
    return with_certificates(raw, [MAIF, NEW], "Organisme certificateur", TODAY)


def test_an_upstream_file_without_certificates_keeps_those_certifiers_published(
    bundled_register_raw,
):
    current = published(bundled_register_raw)
    upstream = Incoming(copy.deepcopy(bundled_register_raw), "upstream.json", "json")
    candidate, kept = prepare(upstream, current, TODAY)
    assert kept == 2
    register = parse_register(candidate)
    maif = register.get("maif")
    assert [c.number for c in maif.certificates] == ["RCF-2026-0001"]
    assert find(maif, TODAY, register.label).status == "certified"
    assert register.get("entreprise-nouvelle").certificates[0].number == "RCF-2026-0002"
    (entry,) = [c for c in maif.changes if c.field == "certificates"]
    assert entry.source.publisher == "Organisme certificateur", "its journal line stays too"


def test_the_incoming_file_s_own_record_of_a_number_stands(bundled_register_raw):
    current = published(bundled_register_raw)
    upstream = copy.deepcopy(current)
    maif = next(r for r in upstream["companies"] if r["slug"] == "maif")
    maif["certificates"][0]["versions"][0]["scope"] = "Périmètre du fichier"
    candidate, kept = prepare(Incoming(upstream, "upstream.json", "json"), current, TODAY)
    assert kept == 0
    record = next(r for r in candidate["companies"] if r["slug"] == "maif")
    assert [v["scope"] for v in record["certificates"][0]["versions"]] == ["Périmètre du fichier"]


def test_the_import_summary_says_how_many_were_kept(tmp_path, bundled_register_raw):
    site = Site(tmp_path / "site", published(bundled_register_raw))
    upstream = copy.deepcopy(bundled_register_raw)
    upstream["companies"][0]["aliases"].append("Un autre nom")

    def change(current: dict) -> Incoming:
        return Incoming(copy.deepcopy(upstream), "upstream.json", "json")

    done = publish(site.registry, change, index_installer(site.index_dir), TODAY)
    assert "= 2 certificate(s) published by certifiers through the API kept" in done.summary
    raw = json.loads(site.registry.read_text(encoding="utf-8"))
    maif = next(r for r in raw["companies"] if r["slug"] == "maif")
    assert maif["certificates"][0]["number"] == "RCF-2026-0001"
