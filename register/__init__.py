"""The register: model, validation, dated evidence → findings, CSV format, change detection,
fetching.

No Flask and no Whoosh here: the index builder, the web app and the command lines all work
on the validated `Register` this package returns, so a record that passed validation is
trustworthy everywhere, and every surface renders the same `Finding` for a company and day.
"""

from register.dating import DateBounds, parse_date
from register.findings import BASES, REASONS, STATUSES, Evidence, Finding, find
from register.model import (
    Change,
    Company,
    HistoryEvent,
    LabelRules,
    Register,
    RegisterError,
    Source,
    luhn_valid,
)
from register.validation import load_register, parse_register

__all__ = [
    "BASES",
    "Change",
    "Company",
    "DateBounds",
    "Evidence",
    "Finding",
    "HistoryEvent",
    "LabelRules",
    "REASONS",
    "Register",
    "RegisterError",
    "STATUSES",
    "Source",
    "find",
    "load_register",
    "luhn_valid",
    "parse_date",
    "parse_register",
]
