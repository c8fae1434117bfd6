"""Turning what people type into comparable keys.

The same functions run at index time and at query time, so "Électricité  de-France",
"electricite de france" and "ELECTRICITE DE FRANCE" all become one key. Brand names are
never stemmed: "boulangerie" must stay a different word from "boulanger".
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from whoosh.support.charset import accent_map

from register.model import number_key

MAX_QUERY_LENGTH = 200

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SIREN_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")
_VAT = re.compile(r"FR(\d{2})(\d{9})")
# Words printed before a company or certificate number, in any order.
_NUMBER_LABEL = re.compile(
    r"^(?:(?:n°|no\b|num(?:[ée]ro)?\b|number\b|siren\b|siret\b|tva\b|vat\b"
    r"|intra-?communautaire\b|certificat\b|certificate\b|cert\b|de\b|du\b)[\s.:#°-]*)+",
    re.IGNORECASE,
)
# What a certificate number looks like: letters and digits in groups joined by single
# separators (RCF-2026-0001, AB/12345, RCF2026001), at least three digits and either a
# letter or a separator, so a brand (o2, M6) or a bare run of digits (a SIREN typo) is not one.
_CERTIFICATE_SHAPE = re.compile(r"[0-9a-z]+(?:[-_./][0-9a-z]+)*", re.IGNORECASE)
_HOST_LIKE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[0-9a-z\u00c0-\uffff-]+(?:\.[0-9a-z\u00c0-\uffff-]+)*"
    r"\.[a-z]{2,63}\.?(?::\d+)?(?:[/?#].*)?$",
    re.IGNORECASE,
)
# Second-level labels under which a registrable domain takes three labels (gouv.fr, co.uk).
_SECOND_LEVEL = {"co", "com", "gouv", "asso", "org", "net", "ac", "nom", "presse", "tm"}


def clean_query(text: str) -> str:
    """Drop control characters, surrogates and odd spacing; keep everything else as typed."""
    kept = (
        ch
        for ch in unicodedata.normalize("NFKC", text.replace("\x00", " "))
        if unicodedata.category(ch) not in ("Cc", "Cs", "Cf", "Co", "Cn") or ch in "\t\n"
    )
    return " ".join("".join(kept).split())


def fold(text: str) -> str:
    """One key per spelling: 'Électricité de-France' -> 'electricite de france'."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(accent_map)
    return " ".join(_NON_ALNUM.sub(" ", folded).split())


def as_siren(text: str) -> str | None:
    """A SIREN typed with spaces or dots, or a 14-digit SIRET (its first 9 digits)."""
    digits = _SIREN_SEPARATORS.sub("", text)
    if digits.isascii() and digits.isdigit() and len(digits) in (9, 14):
        return digits[:9]
    return None


def as_vat(text: str) -> tuple[str, bool] | None:
    """A French VAT number ('FR 15 438 424 384') as (its SIREN, whether its key is right).

    The two-digit key is computed from the SIREN, so a wrong key means a mistyped number
    and is reported like a SIREN whose check digit fails.
    """
    compact = _SIREN_SEPARATORS.sub("", text).upper()
    matched = _VAT.fullmatch(compact)
    if not matched:
        return None
    key, siren = int(matched.group(1)), matched.group(2)
    return siren, key == vat_key(siren)


def vat_key(siren: str) -> int:
    return (12 + 3 * (int(siren) % 97)) % 97


def without_number_label(text: str) -> str:
    """'SIREN : 552 081 317' or 'n° TVA FR15…' -> the number alone, as people copy it."""
    return _NUMBER_LABEL.sub("", text, count=1)


def as_certificate_number(text: str) -> str | None:
    """The key of a number-shaped query (see register.model.number_key), else None."""
    candidate = text.strip()
    if not _CERTIFICATE_SHAPE.fullmatch(candidate) or len(candidate) < 5 or as_domain(candidate):
        return None
    digits = sum(char.isdigit() for char in candidate)
    if digits < 3 or candidate.isdigit():
        return None
    return number_key(candidate)


def looks_like_number(text: str) -> bool:
    digits = _SIREN_SEPARATORS.sub("", text)
    return digits.isascii() and digits.isdigit() and len(digits) >= 5


def as_domain(text: str) -> str | None:
    """Reduce a URL or host to its registrable domain: 'https://www.x.com/c/tv' -> 'x.com'."""
    candidate = text.strip().lower()
    if " " in candidate or not _HOST_LIKE.match(candidate):
        return None
    if "://" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        return None
    labels = [label for label in host.rstrip(".").split(".") if label]
    if len(labels) < 2:
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def domain_label(domain: str) -> str:
    """The brand-like part of a domain: 'maaf.fr' -> 'maaf'."""
    return domain.split(".")[0]
