"""What the iframe card says, gathered outside the view so its honesty rules stay testable."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from register import Company, Finding
from webapp.embeds.headers import EMBED_STYLESHEET
from webapp.embeds.options import EmbedOptions, Placement, placement
from webapp.embeds.snippets import permalink
from webapp.wording import LABEL_NAME, STATUS_SYMBOLS, short_status, status_label

# Only these let a card on the company's own site speak of "this site's customer service".
AFFIRMATIVE = ("certified", "reported")


def card_context(
    company: Company | None,
    finding: Finding | None,
    slug: str,
    options: EmbedOptions,
    referrer: str | None,
    own_host: str,
) -> dict[str, Any]:
    """Template variables for embeds/card.html; call inside the wanted locale."""
    where = placement(company, referrer, own_host) if company else Placement.UNKNOWN
    if where is Placement.COMPANY_SITE and finding and finding.status not in AFFIRMATIVE:
        where = Placement.UNKNOWN
    return {
        "company": company,
        "finding": finding,
        "options": options,
        "label": LABEL_NAME,
        "title": _("%(term)s : %(detail)s", term=LABEL_NAME, detail=short_status(finding)),
        "status": status_label(finding.status, finding.basis) if finding else None,
        "symbol": STATUS_SYMBOLS[finding.status] if finding else "",
        "placement": where,
        "permalink": permalink(company, slug, options),
        "stylesheet": Markup(EMBED_STYLESHEET),
    }
