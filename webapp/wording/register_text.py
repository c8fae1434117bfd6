"""The register's free text (notes, reasons, source titles) in the reader's language.

Editors write these in French, with an optional English twin beside each (register.english).
An English page shows the twin; where a file has none (an upstream register, say), it shows
the French marked `lang="fr"`, so screen readers and browsers read it as French rather than
mangle it as English. Quotations kept in French inside a twin (« … ») are marked the same
way. Every template goes through `register_text`, and plain-text bodies (the Atom feed)
through `plain_register_text`: one choice, made in `_chosen`.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import get_locale
from markupsafe import Markup

from register.english import twin

FRENCH = "fr"
# A quotation kept in its French wording inside English text, guillemets excluded.
QUOTATION_RE = re.compile(r"(«\s*)([^«»]+?)(\s*»)")


def _chosen(item: Any, field: str) -> tuple[str | None, str]:
    """(the text to show, its language): the English twin on an English page when written."""
    french = getattr(item, field)
    if french is not None and str(get_locale()) != FRENCH:
        english = getattr(item, twin(field), None)
        if english:
            return english, "en"
    return french, FRENCH


def register_text(item: Any, field: str) -> Markup:
    """`item.field` (a source's `title`, a bounds' `reason`…) as HTML for the page's language."""
    text, language = _chosen(item, field)
    if text is None:
        return Markup("")
    if language == FRENCH and str(get_locale()) != FRENCH:
        return Markup('<span lang="fr">%s</span>') % text
    if language == FRENCH:
        return Markup.escape(text)
    return _mark_quotations(text)


def plain_register_text(item: Any, field: str) -> str:
    """The same choice as `register_text`, for bodies that carry no markup."""
    return _chosen(item, field)[0] or ""


def _mark_quotations(text: str) -> Markup:
    parts, end = [], 0
    for match in QUOTATION_RE.finditer(text):
        opening, quoted, closing = match.groups()
        parts.append(Markup.escape(text[end : match.start()] + opening))
        parts.append(Markup('<span lang="fr">%s</span>') % quoted)
        parts.append(Markup.escape(closing))
        end = match.end()
    parts.append(Markup.escape(text[end:]))
    return Markup("").join(parts)
