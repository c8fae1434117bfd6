"""Opening a generation in a worker: from the generation it serves, when the new one follows it.

Every worker of every node switches to each new generation (search_index.live). Reading one
in full — the register snapshot parsed and checked record by record, every stored document
read into the search tables — took 0.5-1 s at 10,000 companies, per worker and per write,
with the worker's other requests waiting meanwhile, even when a certifier had changed one
certificate.

A generation made by search_index.incremental names its parent in its manifest and keeps what
it changed beside it (CHANGES_FILE): the records changed in place, the records added at the
end, and the register's other keys. A worker serving the parent (or an older generation of the
chain, while it is kept) applies those changes to what it holds instead:
- unchanged companies keep the Company this process parsed from an equal record (a record's
  reading depends on nothing else, as register.incremental_validation.check_changed assumes);
- changed and added records are parsed, and so checked, by the same function a full load uses;
- the search tables are extended for the added documents and the certificate keys that differ
  (search_index.tables): the parent's documents keep their numbers and stored fields.

Anything else — no parent, a missing link, counts that disagree, a record that fails — is read
in full, which gives the same Generation (tests/unit/test_generation_reload.py compares both
after random publications).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from register import (
    Company,
    LabelRules,
    Register,
    RegisterError,
    load_register,
    parse_register,
)
from register.validation import parse_records
from search_index.build import GENERATIONS_KEPT, REGISTER_SNAPSHOT, read_manifest
from search_index.search import SearchIndex

CHANGES_FILE = "changes.json"
Changes = dict[str, Any]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Generation:
    name: str
    index: SearchIndex
    register: Register

    @property
    def built_at(self) -> str:
        return self.index.manifest.get("built_at", "")


def write_changes(directory: Path, raw: dict[str, Any], changed: list[int], kept: int) -> None:
    """What a generation changed from its parent's register (`kept` records long): the records
    at `changed` positions, the ones added after `kept`, and the register's other keys (in their
    order, "companies" standing for the list)."""
    companies = raw["companies"]
    changes = {
        "parent_records": kept,
        "register": {key: None if key == "companies" else value for key, value in raw.items()},
        "changed": [[position, companies[position]] for position in changed],
        "added": companies[kept:],
    }
    text = json.dumps(changes, ensure_ascii=False, separators=(",", ":"))
    (directory / CHANGES_FILE).write_text(text, encoding="utf-8")


def open_generation(root: Path, name: str, serving: Generation | None = None) -> Generation:
    """Generation `name` under `root`, from `serving` (what the worker holds) when `name`
    follows it, else read in full; OSError, RegisterError or ValueError if it cannot be read."""
    directory = root / name
    chain = _changes_since(root, name, serving.name) if serving else None
    if serving is not None and chain is not None:
        try:
            return _following(directory, name, serving, chain)
        except (RegisterError, LookupError, TypeError, ValueError) as exc:
            # The full reading below decides whether the generation can be served at all.
            log.warning("generation %s read in full, not from %s: %s", name, serving.name, exc)
    register = load_register(directory / REGISTER_SNAPSHOT)
    return Generation(name, SearchIndex(directory), register)


def _changes_since(root: Path, name: str, ancestor: str) -> list[Changes] | None:
    """The changes from `ancestor` to `name`, oldest first, or None when `name` does not follow
    it through generations still on disk."""
    chain: list[Changes] = []
    try:
        for _ in range(GENERATIONS_KEPT):
            parent = read_manifest(root / name).get("parent")
            if parent is None:
                return None
            chain.append(json.loads((root / name / CHANGES_FILE).read_text(encoding="utf-8")))
            if parent == ancestor:
                return chain[::-1]
            name = parent
    except (OSError, ValueError):
        return None
    return None


def _following(directory: Path, name: str, serving: Generation, chain: list[Changes]) -> Generation:
    """`serving` with the chain's changes applied (see the module's docstring)."""
    records = list(serving.register.raw["companies"])
    companies: list[Company | None] = list(serving.register.companies)
    touched: set[int] = set()
    for changes in chain:
        if changes["parent_records"] != len(records):
            raise LookupError(f"{name}: its parent's register is not the one served")
        for position, record in changes["changed"]:
            records[position] = record
            touched.add(position)
        touched.update(range(len(records), len(records) + len(changes["added"])))
        records += changes["added"]
    companies += [None] * (len(records) - len(companies))
    origin = str(directory / REGISTER_SNAPSHOT)
    positions = sorted(touched)
    for position, company in zip(
        positions, parse_records([records[p] for p in positions], origin), strict=True
    ):
        companies[position] = company
    shell = chain[-1]["register"]
    register = Register(
        companies=tuple(companies),
        label=_label(shell, serving.register, origin),
        raw={key: records if key == "companies" else value for key, value in shell.items()},
    )
    index = SearchIndex(directory, parent=serving.index)
    if index.slugs != [company.slug for company in register.companies]:
        raise LookupError(f"{name}: its index and its register disagree")
    return Generation(name, index, register)


def _label(shell: dict[str, Any], serving: Register, origin: str) -> LabelRules:
    """The label's rules: the served ones when unchanged, else read (and checked) again."""
    if shell.get("label_rules") == serving.raw.get("label_rules"):
        return serving.label
    return parse_register({**shell, "companies": []}, origin).label
