"""The register: model, validation, dated history, CSV format, change detection, fetching.

No Flask and no Whoosh here: the index builder, the web app and the command lines all work
on the validated `Register` this package returns, so a record that passed validation is
trustworthy everywhere.
"""

from register.model import (
    STATUSES,
    Company,
    HistoryEvent,
    Register,
    RegisterError,
    Source,
    load_register,
    luhn_valid,
    parse_register,
)

__all__ = [
    "Company",
    "HistoryEvent",
    "Register",
    "RegisterError",
    "STATUSES",
    "Source",
    "load_register",
    "luhn_valid",
    "parse_register",
]
