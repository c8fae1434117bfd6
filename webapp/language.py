"""Which of the site's two languages an Accept-Language header asks for: one rule, two readers.

nginx caches one copy per language and must pick the copy a node would have answered, so
the rule has to be one nginx can evaluate with `map` and regular expressions alone, and the
node applies the very same expressions (scripts/render_nginx.py writes them into the
configuration). The rule, for each of `fr` and `en`:

- its quality is that of the first list entry whose primary tag it is (`fr`, `fr-CA`…), or
  failing that of the `*` entry, or 0; an entry without `q` has quality 1, one whose `q` is
  not a valid quality (RFC 9110: 0 to 1, three decimals at most) has quality 0;
- English is chosen only when its quality is strictly higher than French's.

So `en;q=0.1, fr;q=0.9` is French, `de, en;q=0.5` English, and anything unreadable French.
Qualities are written as four digits (`0.5` → `0500`), which compare as text like numbers.
"""

from __future__ import annotations

import re

LANGUAGES = ("fr", "en")
NONE = "none"  # no entry names the language
# The first entry whose primary tag is the language: "=" then its parameters (";q=0.5").
ENTRY = r"(?:^|,)[ \t]*{tag}(?:-[a-z0-9-]*)?[ \t]*(;[^,]*)?(?:,|$)"
STAR = r"(?:^|,)[ \t]*\*[ \t]*(;[^,]*)?(?:,|$)"
# Parameters -> quality in four digits, replacements written as nginx reads them (a capture is
# `$` and one digit, so "$20" is capture 2 then "0");
# the first pattern that matches wins, else "=" alone or other parameters give DEFAULT.
QUALITY_PATTERNS = (
    (r";[ \t]*q[ \t]*=[ \t]*0\.([0-9])([0-9])([0-9])[ \t]*(?:;|$)", "0$1$2$3"),
    (r";[ \t]*q[ \t]*=[ \t]*0\.([0-9])([0-9])[ \t]*(?:;|$)", "0$1$20"),
    (r";[ \t]*q[ \t]*=[ \t]*0\.([0-9])[ \t]*(?:;|$)", "0$100"),
    (r";[ \t]*q[ \t]*=[ \t]*0\.?[ \t]*(?:;|$)", "0000"),
    (r";[ \t]*q[ \t]*=[ \t]*1(?:\.0{0,3})?[ \t]*(?:;|$)", "1000"),
    (r";[ \t]*q[ \t]*=", "0000"),  # a q that is not a quality refuses the entry
)
DEFAULT_QUALITY = "1000"


def entry_pattern(language: str) -> str:
    return ENTRY.format(tag=re.escape(language))


def parameters(header: str, language: str) -> str:
    """`=` + the parameters of the entry that decides `language`'s quality, or NONE."""
    for pattern in (entry_pattern(language), STAR):
        match = re.search(pattern, header, flags=re.IGNORECASE)
        if match:
            return "=" + (match.group(1) or "")
    return NONE


def quality(params: str) -> str:
    if params == NONE:
        return "0000"
    for pattern, replacement in QUALITY_PATTERNS:
        match = re.search(pattern, params, flags=re.IGNORECASE)
        if match:
            return match.expand(re.sub(r"\$([0-9])", r"\\g<\1>", replacement))
    return DEFAULT_QUALITY


def reader_language(header: str | None) -> str:
    """`en` or `fr` for an Accept-Language header, as nginx computes it too."""
    header = header or ""
    french, english = (quality(parameters(header, language)) for language in LANGUAGES)
    return "en" if english > french else "fr"
