"""oEmbed provider (https://oembed.com): paste a company permalink in a CMS, get an embed."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request, url_for
from flask_babel import gettext as _
from markupsafe import escape

from webapp.data import generation
from webapp.embeds.snippets import IFRAME_HEIGHTS
from webapp.i18n import STATUS_LABELS
from webapp.public.permalinks import company_for_url

bp = Blueprint("oembed", __name__)
# The embed card's own frame size (see webapp.embeds.snippets): 26rem wide, medium height.
DEFAULT_WIDTH = 416
DEFAULT_HEIGHT = IFRAME_HEIGHTS["m"]


def _dimension(name: str, default: int) -> int:
    """oEmbed consumers may cap the size with maxwidth/maxheight; never exceed the cap."""
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        abort(400, description=_("« %(name)s » doit être un entier positif.", name=name))
    return min(default, int(raw))


@bp.get("/oembed")
def oembed() -> Response:
    if request.args.get("format", "json") != "json":
        abort(501, description=_("Seul le format JSON est proposé (format=json)."))
    company = company_for_url(generation().register, request.args.get("url", ""))
    if company is None:
        abort(404, description=_("Cette adresse n'est pas une fiche entreprise de ce site."))
    width = _dimension("maxwidth", DEFAULT_WIDTH)
    height = _dimension("maxheight", DEFAULT_HEIGHT)
    src = url_for("embeds.embed", slug=company.slug, _external=True)
    title = f"{company.name} — {STATUS_LABELS[company.status]}"
    return jsonify(
        version="1.0",
        type="rich",
        title=title,
        provider_name=_("Vérif Relation Client France"),
        provider_url=url_for("public.home", _external=True),
        width=width,
        height=height,
        html=(
            f'<iframe src="{escape(src)}" width="{width}" height="{height}" '
            f'title="{escape(title)}" loading="lazy" style="border:0"></iframe>'
        ),
    )
