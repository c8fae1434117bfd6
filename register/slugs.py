"""A company's slug from its name: the stable part of its page's URL.

Shared by every writer that adds a company (an accepted report, a certifier's batch), so
the same name always gets the same slug.
"""

from __future__ import annotations

import re
import unicodedata


def slugify(name: str) -> str:
    """Accents dropped, lower-case, runs of anything else turned into one hyphen."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
