"""The configurator's choice and the copy-paste snippets it produces.

Snippets are built here from url_for, so the URLs a retailer pastes are the ones the embed
routes answer; the page only displays them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape

from register import Company
from search_index import Generation, Result
from webapp import query_args
from webapp.embeds.headers import WIDGET
from webapp.embeds.options import EmbedOptions
from webapp.wording import LABEL_NAME

KINDS = ("script", "iframe", "badge")
EMBED_LANG_ARG = "embed_lang"
# The configurator's choices in words, in the order its form shows them.
KIND_LABELS = {
    "script": _l("Cadre ajusté par script (conseillé)"),
    "iframe": _l("Cadre sans script (iframe)"),
    "badge": _l("Badge image (SVG)"),
}
OPTION_FIELDS = (
    ("theme", _l("Thème"), (("light", _l("clair")), ("dark", _l("sombre")))),
    (EMBED_LANG_ARG, _l("Langue"), (("fr", _l("français")), ("en", _l("anglais")))),
    ("size", _l("Taille"), (("s", _l("petite")), ("m", _l("moyenne")), ("l", _l("grande")))),
)
# Without the loader an iframe cannot learn its content's height: these fit the card's
# longest wording (other-site note, reported status, English) at a 300 px width.
IFRAME_HEIGHTS = {"s": 160, "m": 190, "l": 250}


def permalink(company: Company | None, slug: str, options: EmbedOptions) -> str:
    """The page a badge or card links to: the verdict page, or a search for an unknown slug."""
    lang = options.url_args()["lang"]
    if company is None:
        return url_for("public.search", q=slug, lang=lang, _external=True)
    return url_for("public.company", slug=company.slug, lang=lang, _external=True)


def requested_query() -> str:
    """The configurator's company search; when not empty, the request spends search budget."""
    return query_args.text("q").strip()


@dataclass(frozen=True)
class Choice:
    """What the configurator's GET form asked for, with the company it designates (if any)."""

    query: str
    kind: str
    options: EmbedOptions
    company: Company | None
    candidates: tuple[Result, ...]

    @classmethod
    def from_args(cls, current: Generation) -> Choice:
        kind = query_args.choice("type", KINDS, KINDS[0])
        options = EmbedOptions.from_args(lang_arg=EMBED_LANG_ARG)
        query = requested_query()
        if not query:
            return cls(query, kind, options, None, ())
        outcome = current.index.search(query)
        verdict = outcome.verdict
        company = current.register.get(verdict.slug) if verdict else None
        candidates = outcome.suggestions if verdict else outcome.results
        return cls(query, kind, options, company, candidates)

    @property
    def iframe_height(self) -> int:
        return IFRAME_HEIGHTS[self.options.size]

    def form_args(self) -> dict[str, str | None]:
        """This choice as configurator arguments, for links that change only the company."""
        args = self.options.url_args()
        return {
            "type": self.kind,
            "theme": args["theme"],
            "size": args["size"],
            EMBED_LANG_ARG: args["lang"],
        }

    def badge_url(self) -> str:
        return url_for(
            "embeds.badge_svg", slug=self.slug, _external=True, **self.options.url_args()
        )

    def embed_url(self) -> str:
        return url_for("embeds.embed", slug=self.slug, _external=True, **self.options.url_args())

    @property
    def slug(self) -> str:
        assert self.company is not None, "snippets need a chosen company"
        return self.company.slug

    def snippets(self) -> dict[str, str]:
        """The snippet(s) for the chosen kind, keyed by a label shown above each."""
        link = permalink(self.company, self.slug, self.options)
        # Pasted once, shown for years: the text names what the image shows, never a status
        # that could go stale (the badge itself is redrawn from today's finding).
        with force_locale(self.options.lang):
            alt = _("Statut %(label)s de %(name)s", label=LABEL_NAME, name=self.company.name)
        if self.kind == "badge":
            image = f'<img src="{escape(self.badge_url())}" alt="{escape(alt)}">'
            return {
                "HTML": f'<a href="{escape(link)}">{image}</a>',
                "Markdown": f"[![{alt}]({self.badge_url()})]({link})",
            }
        if self.kind == "iframe":
            return {
                "HTML": f'<iframe src="{escape(self.embed_url())}" title="{escape(alt)}" '
                f'width="100%" height="{self.iframe_height}" style="border:0;max-width:26rem" '
                'loading="lazy"></iframe>'
            }
        data = "".join(
            f' data-rcf-{name}="{escape(value)}"'
            for name, value in self.options.url_args().items()
            if value
        )
        widget = url_for("embeds.widget_js", v=WIDGET.version, lang=None, _external=True)
        return {
            "HTML": f'<div data-rcf-slug="{escape(self.slug)}"{data}>'
            f'<a href="{escape(link)}">{escape(alt)}</a></div>\n'
            f'<script src="{escape(widget)}" async></script>'
        }
