"""The labels guide as people and programs read it: dates in words, kinds named, a JSON twin.

The facts come from `register.labels` untouched; this module only says them in the reader's
language. A source without a printed date says "non daté" rather than borrowing any other
date, and a count of holders always says the years it was reported for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from register.labels import GuideSource, HolderCount, LabelGuide, Text, bundled_guide

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
    return format_date(dt.date.fromisoformat(source.published), format="long")


def holder_years(count: HolderCount) -> str:
    if count.year_from == count.year_to:
        return _("chiffre historique, relevé en %(year)d", year=count.year_from)
    return _(
        "chiffre historique, relevé entre %(start)d et %(end)d",
        start=count.year_from,
        end=count.year_to,
    )


def init_app(app: Flask) -> None:
    """Reads the guide at start-up: a faulty guide file stops the deploy, not a visitor's search."""
    bundled_guide()
    app.jinja_env.globals.update(
        in_language=in_language,
        french_name=french_name,
        guide_label=lambda label_id: bundled_guide().get(label_id),
        source_date=source_date,
        holder_years=holder_years,
        label_kind=lambda kind: KIND_LABELS.get(kind, kind),
        source_kind=lambda kind: SOURCE_KIND_LABELS.get(kind, kind),
        aspect_labels=ASPECT_LABELS,
    )


def guide_json(guide: LabelGuide) -> dict[str, Any]:
    """The guide file as reviewed, plus where each label's section is on the page.

    Both languages are in the data, so the links carry no `?lang=`: one body for everyone.
    """
    return {
        **guide.raw,
        "labels": [
            {**raw, "url": url_for("public.labels", _anchor=raw["id"], lang=None, _external=True)}
            for raw in guide.raw["labels"]
        ],
        "links": {
            "html": url_for("public.labels", lang=None, _external=True),
            "json": url_for("public.labels_json", lang=None, _external=True),
        },
    }
