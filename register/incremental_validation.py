"""A candidate register checked against one already known valid, reading only the records
that differ: what a publication uses when the current file carries its validity mark
(register.publishing). It finds the faults a full register.validation.parse_register would.
"""

from __future__ import annotations

from typing import Any

from register import untrusted
from register.model import RegisterError
from register.record_checks import Checker
from register.validation import known_record, read_companies, read_label_rules


def check_changed(raw: Any, valid: dict[str, Any], origin: str = "<register>") -> None:
    """Raise RegisterError with exactly the faults parse_register would list for `raw`, reading
    only what differs from `valid`, a register that passed parse_register.

    Why: a certifier's one record must not cost a check of 10,000 companies. A record is
    checked on its own (nothing in it refers to another record), so one equal to a record of
    `valid` has no fault; the cross-record check (duplicate slugs) still sees every slug."""
    if not isinstance(raw, dict) or not isinstance(raw.get("companies"), list):
        raise RegisterError([f"{origin}: expected an object with a 'companies' list"])
    known = {r["slug"]: r for r in valid["companies"]}
    changed = [r for r in raw["companies"] if not known_record(r, known)]
    others = [v for k, v in raw.items() if k != "companies" and valid.get(k) != v]
    depth = max(
        [1 + untrusted.nesting_depth(v) for v in others]
        + [2 + untrusted.nesting_depth(r) for r in changed],
        default=0,
    )
    if depth > untrusted.MAX_DEPTH:
        raise RegisterError([f"{origin}: nested more than {untrusted.MAX_DEPTH} levels deep"])
    errors: list[str] = []
    label = read_label_rules(raw.get("label_rules"), Checker(f"{origin}: label_rules", errors))
    read_companies(raw["companies"], origin, errors, known)
    if errors or label is None:
        raise RegisterError(errors)
