"""The SVG badge: its geometry and colours, computed here so the view only renders.

It reads like shields.io: "Relation Client France | non confirmée", the wording module's
short status in the page's words and gender, narrow enough for a 375 px phone; the sentence
that explains it (the page's verdict) is its <title>, so a badge never claims more than the
register holds and never says more than the page it links to.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from register import Company, Finding
from webapp.embeds.text_width import text_width
from webapp.wording import LABEL_NAME, explanation, short_status
from webapp.wording.verdict import plain_verdict


@dataclass(frozen=True)
class Geometry:
    font_size: int
    height: int
    padding: int


@dataclass(frozen=True)
class Palette:
    label_background: str
    label_text: str
    status_backgrounds: dict[str, str]
    status_text: str


GEOMETRIES = {"s": Geometry(10, 18, 5), "m": Geometry(11, 20, 6), "l": Geometry(13, 24, 7)}
# White on the light theme's colours and near-black on the dark theme's both pass WCAG AA.
PALETTES = {
    "light": Palette(
        "#3f4049",
        "#ffffff",
        {
            "certified": "#0d5a24",
            "reported": "#1f5130",
            "unconfirmed": "#5a5d66",
            "not_certified": "#5a5d66",
            "expired": "#6b4500",
            "suspended": "#6b4500",
            "withdrawn": "#8a1414",
            "absent": "#5a5d66",
        },
        "#ffffff",
    ),
    "dark": Palette(
        "#23252d",
        "#ececf1",
        {
            "certified": "#9be2b0",
            "reported": "#b9dcc3",
            "unconfirmed": "#c9cbd3",
            "not_certified": "#c9cbd3",
            "expired": "#ffd97a",
            "suspended": "#ffd97a",
            "withdrawn": "#ffb3b3",
            "absent": "#c9cbd3",
        },
        "#121317",
    ),
}


@dataclass(frozen=True)
class Badge:
    title: str
    label: str
    message: str
    font_size: int
    height: int
    label_width: int
    message_width: int
    label_text_width: float
    message_text_width: float
    baseline: float
    label_background: str
    label_text: str
    message_background: str
    message_text: str

    @property
    def width(self) -> int:
        return self.label_width + self.message_width


def badge_for(company: Company | None, finding: Finding | None, theme: str, size: str) -> Badge:
    """Lay out the badge; call inside the wanted locale (flask_babel.force_locale)."""
    geometry, palette = GEOMETRIES[size], PALETTES[theme]
    message = short_status(finding)
    if company is None:
        title = _("%(label)s : %(status)s dans le registre", label=LABEL_NAME, status=message)
    else:
        title = _(
            "%(name)s — %(label)s : %(status)s. %(detail)s",
            name=company.name,
            label=LABEL_NAME,
            status=message,
            detail=plain_verdict(finding) or explanation(finding),
        )
    label_text_width = text_width(LABEL_NAME, geometry.font_size)
    message_text_width = text_width(message, geometry.font_size)
    return Badge(
        title=title,
        label=LABEL_NAME,
        message=message,
        font_size=geometry.font_size,
        height=geometry.height,
        label_width=round(label_text_width) + 2 * geometry.padding,
        message_width=round(message_text_width) + 2 * geometry.padding,
        label_text_width=round(label_text_width, 1),
        message_text_width=round(message_text_width, 1),
        baseline=round(geometry.height / 2 + geometry.font_size * 0.35, 1),
        label_background=palette.label_background,
        label_text=palette.label_text,
        message_background=palette.status_backgrounds[finding.status if finding else "absent"],
        message_text=palette.status_text,
    )
