"""oEmbed provider (https://oembed.com): paste a company permalink in a CMS, get an embed."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, url_for
from flask_babel import gettext as _
from markupsafe import escape

from webapp import query_args
from webapp.embeds.snippets import IFRAME_HEIGHTS
from webapp.open_data import json_twin
from webapp.public.permalinks import company_for_url, day_in_url
from webapp.served import finding, generation
from webapp.wording import SITE_NAME
from webapp.wording.verdict import page_title

bp = Blueprint("oembed", __name__)
# The embed card's own frame size (see webapp.embeds.snippets): 26rem wide, medium height.
DEFAULT_WIDTH = 416
DEFAULT_HEIGHT = IFRAME_HEIGHTS["m"]


# oEmbed's 501 means "a format the provider does not implement": that is xml, the only other
# format the specification defines. Any other value is a malformed request (400).
FORMATS = ("json", "xml")


@bp.get("/oembed")
@json_twin
def oembed() -> Response:
    if query_args.choice("format", FORMATS, "json") != "json":
        abort(501, description=_("Seul le format JSON est proposé (format=json)."))
    company = company_for_url(generation().register, query_args.text("url"))
    if company is None:
        abort(404, description=_("Cette adresse n'est pas une fiche entreprise de ce site."))
    # oEmbed consumers may cap the size with maxwidth/maxheight; never exceed the cap.
    width = min(DEFAULT_WIDTH, query_args.whole_number("maxwidth", DEFAULT_WIDTH, minimum=1))
    height = min(DEFAULT_HEIGHT, query_args.whole_number("maxheight", DEFAULT_HEIGHT, minimum=1))
    src = url_for("embeds.embed", slug=company.slug, _external=True)
    asked = day_in_url(query_args.text("url"))
    title = page_title(company.name, finding(company), finding(company, asked) if asked else None)
    return jsonify(
        version="1.0",
        type="rich",
        title=title,
        provider_name=SITE_NAME,
        provider_url=url_for("public.home", _external=True),
        width=width,
        height=height,
        html=(
            f'<iframe src="{escape(src)}" width="{width}" height="{height}" '
            f'title="{escape(title)}" loading="lazy" style="border:0"></iframe>'
        ),
    )
