"""The bundled register's companies, grouped by the evidence each rests on (the facts file).

Stated once here, not read from the data, so the tests that use the groups pin the data: the
registry, findings and API tests all mean the same companies by the same names.
"""

from __future__ import annotations

# Reported by the 2021–2022 articles only, in register order.
DATED_ONLY = (
    "boulanger",
    "butagaz",
    "edenred",
    "homeserve",
    "macif",
    "maif",
    "o2",
    "sanofi",
    "uneo",
)
# Reported by those articles and also named in the AFRC president's undated interview.
DATED_AND_UNDATED = ("edf", "leocare")
# Named only in that interview.
UNDATED_ONLY = ("dhl", "gaz-de-bordeaux", "leroy-merlin")

REPORTED_2021_2022 = frozenset(DATED_ONLY + DATED_AND_UNDATED)
NAMED_BY_THE_AFRC = frozenset(DATED_AND_UNDATED + UNDATED_ONLY)
