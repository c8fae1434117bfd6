"""What the iframe card says, gathered outside the view so its honesty rules stay testable."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from register import Company
from webapp.embeds.badge import LABEL, status_phrase, status_word
from webapp.embeds.http import EMBED_STYLESHEET
from webapp.embeds.options import EmbedOptions, Placement, placement
from webapp.embeds.snippets import permalink
from webapp.i18n import STATUS_SYMBOLS


def card_context(
    company: Company | None, slug: str, options: EmbedOptions, referrer: str | None, own_host: str
) -> dict[str, Any]:
    """Template variables for embeds/card.html; call inside the wanted locale."""
    status = company.status if company else None
    return {
        "company": company,
        "options": options,
        "label": LABEL,
        "title": _("%(term)s : %(detail)s", term=LABEL, detail=status_phrase(company)),
        "status": status_word(status).capitalize(),
        "symbol": STATUS_SYMBOLS.get(status or "", ""),
        "placement": placement(company, referrer, own_host) if company else Placement.UNKNOWN,
        "permalink": permalink(company, slug, options),
        "stylesheet": Markup(EMBED_STYLESHEET),
    }
