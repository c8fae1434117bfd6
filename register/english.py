"""English twins of the register's free text: the one convention for them, and its limits.

The register is written in French and the site is French first, English second, so every
free-text field an editor writes may carry an English twin beside it, named after it with
`_en`: a source's `title_en` and `note_en`, a bounded date's `reason_en`, an event's and a
company's `note_en`, the label's `exists_from_reason_en`. A twin says what its French says,
in English, and nothing more. A quotation kept in French inside a twin (a publication's own
title, a ministry's name) stays between « and », so pages can mark it `lang="fr"`.

Twins are optional in a file: an upstream register may have none, and the pages then show the
French, marked `lang="fr"`. The import keeps them when present. Each twin passes the checks
of its French field (non-empty text, no control or bidi character, at most `FREE_TEXT_MAX`
characters), and a twin without its French field is refused: French comes first.
"""

from __future__ import annotations

TWIN_SUFFIX = "_en"
# The fields editors write in sentences; names, slugs, domains and certifiers' scopes are not.
FREE_TEXT_FIELDS = ("title", "note", "reason", "exists_from_reason")
# A note or reason is a few sentences; thousands of characters are a paste gone wrong.
FREE_TEXT_MAX = 2000


def twin(name: str) -> str:
    """The English twin's field name: `note` → `note_en`."""
    return name + TWIN_SUFFIX
