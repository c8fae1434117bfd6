"""What an embed was asked for (theme, language, size) and where it is being shown.

Shared by the badge, the iframe card, the loader and the configurator so that all four accept
the same values and build the same URLs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from urllib.parse import urlsplit

from register import Company
from webapp import query_args

CHOICES = {"theme": ("light", "dark"), "lang": ("fr", "en"), "size": ("s", "m", "l")}


@dataclass(frozen=True)
class EmbedOptions:
    theme: str = "light"
    lang: str = "fr"
    size: str = "m"

    @classmethod
    def from_args(cls, lang_arg: str = "lang") -> EmbedOptions:
        """Unknown values are refused with a readable 400 rather than silently replaced.

        The configurator reads the embed's language from another field (`lang_arg`), since
        its own `?lang=` is the language of the configurator page itself.
        """
        return cls(
            theme=query_args.choice("theme", CHOICES["theme"], cls.theme),
            lang=query_args.choice(lang_arg, CHOICES["lang"], cls.lang),
            size=query_args.choice("size", CHOICES["size"], cls.size),
        )

    def url_args(self) -> dict[str, str | None]:
        """For url_for: defaults are None, which url_for drops, so URLs stay short and canonical.

        An explicit None for `lang` also stops the page's own `?lang=` from being carried into
        an embed URL (see webapp.i18n).
        """
        defaults = asdict(EmbedOptions())
        return {
            name: value if value != defaults[name] else None for name, value in asdict(self).items()
        }


class Placement(Enum):
    """Where the embed is shown, as far as the browser's Referer tells us."""

    COMPANY_SITE = "company-site"
    OTHER_SITE = "other-site"
    UNKNOWN = "unknown"


def placement(company: Company, referrer: str | None, own_host: str) -> Placement:
    """Only a Referer from one of the company's own domains may say "this site is certified".

    A missing Referer (privacy settings, direct visit) or our own pages (configurator preview)
    give the neutral wording; any other host is a seller showing someone else's certificate.
    """
    try:
        host = urlsplit(referrer or "").hostname
    except ValueError:  # "http://[": not a place anyone can name
        host = None
    if not host or host == own_host:
        return Placement.UNKNOWN
    for domain in company.domains:
        if host == domain or host.endswith("." + domain):
            return Placement.COMPANY_SITE
    return Placement.OTHER_SITE
