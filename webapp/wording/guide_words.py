"""The labels guide's words: kinds, aspects, source dates and holder counts, in the reader's
language.

A source without a printed date says "non daté" rather than borrowing any other date, and a
count of holders always says the years it was reported for.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from register.label_guide import GuideSource, HolderCount, Text
from webapp.wording.dates import long_date

KIND_LABELS = {
    "certification": _l("Certification"),
    "label": _l("Label"),
    "standard": _l("Norme certifiable"),
    "contest": _l("Concours privé"),
}
SOURCE_KIND_LABELS = {
    "official": _l("site du label"),
    "press": _l("article de presse"),
    "white_paper": _l("livre blanc"),
    "consumer_association": _l("association de consommateurs"),
}
ASPECT_LABELS = {
    "runner": _l("Qui le délivre"),
    "checks": _l("Ce qu'il vérifie"),
    "granting": _l("Comment il est attribué"),
    "duration": _l("Combien de temps il vaut"),
    "not_told": _l("Ce qu'il ne dit pas"),
}


def in_language(text: Text) -> str:
    return text.in_language(str(get_locale()))


def french_name(name: str) -> Markup:
    """Label names are French proper names: marked so on English pages for screen readers."""
    if str(get_locale()) == "fr":
        return Markup.escape(name)
    return Markup('<span lang="fr">%s</span>') % name


def source_date(source: GuideSource) -> str:
    """The source's own publication date, or "non daté": never another date in its place."""
    if source.published is None:
        return _("non daté")
    if len(source.published) == 4:
        return source.published
    return long_date(dt.date.fromisoformat(source.published))


def holder_count(count: HolderCount) -> str:
    """'11', or 'environ 60' when the source gave only an order of magnitude."""
    if count.approximate:
        return _("environ %(count)d", count=count.count)
    return str(count.count)


def holder_years(count: HolderCount) -> str:
    if count.year_to is None:
        return _(
            "chiffre rapporté au plus tôt en %(year)d, date exacte inconnue", year=count.year_from
        )
    if count.year_from == count.year_to:
        return _("chiffre historique, relevé en %(year)d", year=count.year_from)
    return _(
        "chiffre historique, relevé entre %(start)d et %(end)d",
        start=count.year_from,
        end=count.year_to,
    )
