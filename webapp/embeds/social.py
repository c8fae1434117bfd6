"""The social image of a company page: a 1200×630 PNG with the status in words and its date.

Social networks show a bitmap `og:image` and ignore an SVG one, so this is drawn with Pillow,
from the same finding and the same words as the page (webapp.wording), in DejaVu Sans (Debian
package fonts-dejavu-core, scripts/system_packages.sh): Pillow's own font has no accents.
Call inside the wanted locale.
"""

from __future__ import annotations

import io
import textwrap

from flask_babel import gettext as _
from PIL import Image, ImageDraw, ImageFont

from register import Company, Finding
from webapp.wording import LABEL_NAME, SITE_NAME, explanation, status_label
from webapp.wording.dates import long_date
from webapp.wording.verdict import plain_verdict

WIDTH, HEIGHT, MARGIN = 1200, 630, 72
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BACKGROUND, INK, MUTED = "#ffffff", "#1b1c20", "#4a4c55"
# The accent bar takes the page's status colours: never the certified green short of a certificate.
ACCENTS = {
    "certified": "#0d5a24",
    "reported": "#1f5130",
    "expired": "#6b4500",
    "suspended": "#6b4500",
    "withdrawn": "#8a1414",
}
NEUTRAL = "#5a5d66"


def social_png(company: Company, finding: Finding) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENTS.get(finding.status, NEUTRAL))
    y = MARGIN
    draw.text((MARGIN, y), LABEL_NAME, font=_font(34), fill=MUTED)
    y += 60
    draw.text((MARGIN, y), company.name, font=_font(72), fill=INK)
    y += 110
    draw.text((MARGIN, y), status_label(finding.status, finding.basis), font=_font(52), fill=INK)
    y += 84
    sentence = plain_verdict(finding) or explanation(finding)
    for line in textwrap.wrap(sentence, width=62)[:4]:
        draw.text((MARGIN, y), line, font=_font(28), fill=MUTED)
        y += 42
    footer = _("Statut au %(day)s — %(site)s", day=long_date(finding.date), site=SITE_NAME)
    draw.text((MARGIN, HEIGHT - MARGIN - 28), footer, font=_font(28), fill=MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)
