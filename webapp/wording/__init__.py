"""Every word the site uses for a status, a reason, a date's meaning or a match: one home.

Pages, search results, the API's explanations, badge, card, oEmbed, JSON-LD, the feed and the
citation all take their words from here, so a finding reads the same everywhere. The site's
and the label's names are single constants (never translated: citations already write them
so). Its submodules hold the guide's and the report form's words; `webapp.templating`
registers them all as template globals, once.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from register import DateBounds, Finding
from search_index.normalize import fold
from webapp.wording import certificates
from webapp.wording.dates import long_date, month_year

SITE_NAME = "Vérif Relation Client France"
LABEL_NAME = "Relation Client France"

# The headline: a company "is" this on the day asked (feminine in French: l'entreprise).
STATUS_LABELS = {
    "certified": _l("Certifiée"),
    "reported": _l("Certification signalée par la presse"),
    "unconfirmed": _l("Non confirmée"),
    "expired": _l("Certification expirée"),
    "suspended": _l("Certification suspendue"),
    "withdrawn": _l("Certification retirée"),
    "not_certified": _l("Aucune certification connue"),
}
# `reported` on the company's own word is not the press: it says whose word it is.
COMPANY_CLAIM_LABEL = _l("Certification déclarée par l'entreprise")
# Never a check mark for anything short of a confirmed certificate or a report in its term.
STATUS_SYMBOLS = {
    "certified": "✓",
    "reported": "✓",
    "unconfirmed": "○",
    "expired": "⌛",
    "suspended": "⏸",
    "withdrawn": "✗",
    "not_certified": "–",
}
BASIS_LABELS = {
    "certificate": _l("d'après le registre de l'organisme ou une liste officielle"),
    "company": _l("d'après l'entreprise elle-même, sans confirmation de l'organisme"),
    "press": _l("d'après la presse uniquement, aucun certificat publié"),
    "none": _l("aucune source ne signale de certification"),
}
EVENT_LABELS = {
    "certified": _l("Certification signalée ou accordée"),
    "renewed": _l("Certification renouvelée"),
    "expired": _l("Certification expirée"),
    "suspended": _l("Certification suspendue"),
    "reinstated": _l("Suspension levée"),
    "withdrawn": _l("Certification retirée"),
}


def event_words(event: str) -> str:
    """The event inside a sentence, after a colon: lower-case first, as French writes it."""
    label = str(EVENT_LABELS.get(event, event))
    return label[:1].lower() + label[1:]


# The register's field names, as a reader says them (a source "covers" these fields).
FIELD_LABELS = {
    "name": _l("nom"),
    "legal_name": _l("dénomination légale"),
    "aliases": _l("autres noms"),
    "domains": _l("sites web"),
    "siren": _l("SIREN"),
    "status": _l("statut"),
    "certificates": _l("certificats"),
    "scope": _l("périmètre"),
    "history": _l("historique"),
    "mention": _l("une simple mention de l'entreprise, qui ne dit rien de son statut"),
}
# Why a result is listed, in brackets after its name ("MACIF (nom presque identique : …)"):
# plain words, never the match codes the JSON API gives.
MATCH_LABELS = {
    "siren": _l("même numéro SIREN"),
    "certificate": _l("même numéro de certificat"),
    "domain": _l("même site web"),
    "exact": _l("même nom"),
    "alias": _l("un autre de ses noms"),
    "phrase": _l("son nom figure dans votre recherche"),
    "partial": _l("son nom figure dans votre recherche, parmi d'autres mots"),
    "prefix": _l("son nom commence ainsi"),
    "fuzzy": _l("nom presque identique"),
}


def quoted(text: str) -> str:
    """Words quoted the way the reader's language quotes them: « maaf », “maaf”."""
    return _("« %(text)s »", text=text)


# Around a word as typed, quotes and punctuation are not part of it: « maif, » reads « maif ».
EDGE_PUNCTUATION = "\"'«»“”‘’,;:.!?()[]"


def as_typed(query: str, folded: str) -> str:
    """The words of `query` the search went by, as the reader typed them: 'la Maïf' was
    searched as 'maif' and reads « Maïf ». The folded form when no run of words folds to it
    (a word glued to an elided article, say)."""
    words = query.split()
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            run = " ".join(words[start:end]).strip(EDGE_PUNCTUATION)
            if run and fold(run) == folded:
                return run
    return folded


def bounded_date(bounds: DateBounds | None) -> str:
    """A date with what is known of it: "le 3 mars 2023", "au plus tard le 20 mai 2022"…"""
    if bounds is None or (bounds.earliest is None and bounds.latest is None):
        return _("à une date non publiée")
    if bounds.exact:
        return _("le %(day)s", day=long_date(bounds.exact))
    if bounds.earliest is None:
        return _("au plus tard le %(day)s", day=long_date(bounds.latest))
    if bounds.latest is None:
        return _("au plus tôt le %(day)s", day=long_date(bounds.earliest))
    return _(
        "entre le %(first)s et le %(last)s",
        first=long_date(bounds.earliest),
        last=long_date(bounds.latest),
    )


def reported_when(finding: Finding) -> str:
    """When the deciding fact was reported: only its latest bound says "by then, certainly"."""
    bounds = finding.deciding.bounds if finding.deciding else None
    if bounds is not None and not bounds.exact:
        bounds = DateBounds(None, bounds.latest) if bounds.latest else None
    return bounded_date(bounds)


def status_label(status: str, basis: str | None = None) -> str:
    """The headline; pass the finding's basis so a company's own claim says so."""
    if status == "reported" and basis == "company":
        return str(COMPANY_CLAIM_LABEL)
    return str(STATUS_LABELS[status])


def short_status(finding: Finding | None) -> str:
    """The badge's and card title's words: the headline's, shortened, in the same gender
    (feminine in French: l'entreprise); the details go to the badge's <title>."""
    if finding is None:
        return _("absente du registre")
    words = {
        "certified": _("certifiée"),
        "reported": _("déclarée par l'entreprise")
        if finding.basis == "company"
        else _("signalée par la presse"),
        "unconfirmed": _("non confirmée"),
        "expired": _("expirée"),
        "suspended": _("suspendue"),
        "withdrawn": _("retirée"),
        "not_certified": _("aucune certification connue"),
    }
    return words[finding.status]


def explanation(finding: Finding) -> str:
    """Why the finding is what it is, in one sentence a reader can quote."""
    if finding.certificate is not None:
        return certificates.explanation(finding.certificate, finding.date)
    day = long_date(finding.date)
    reason, press = finding.reason, finding.basis != "certificate"
    when, years = reported_when(finding), finding.term_years
    end = finding.term_end
    if reason == "label_not_yet":
        return _("Le %(day)s, le label n'existait pas encore.", day=day)
    if reason == "no_evidence":
        return _("Aucune source enregistrée n'indique que cette entreprise a obtenu le label.")
    if reason == "before_evidence":
        return _(
            "Le %(day)s précède toute certification enregistrée pour cette entreprise.", day=day
        )
    if reason == "grant_not_certain":
        if press:
            return _(
                "Certification signalée par la presse %(when)s, sans date d'obtention publiée : "
                "le %(day)s, elle n'était peut-être pas encore accordée.",
                when=when,
                day=day,
            )
        return _(
            "Certificat enregistré %(when)s : le %(day)s, il n'était peut-être pas encore délivré.",
            when=when,
            day=day,
        )
    if reason == "within_term":
        if press:
            return _(
                "Certification signalée par la presse %(when)s ; accordée pour %(years)d ans, "
                "elle était donc en cours le %(day)s. Son terme tombe %(end)s.",
                when=when,
                years=years,
                day=day,
                end=bounded_date(end),
            )
        return _(
            "Certificat attesté par l'organisme %(when)s, en cours le %(day)s ; son terme tombe "
            "%(end)s.",
            when=when,
            day=day,
            end=bounded_date(end),
        )
    if reason == "term_may_have_ended":
        return _(
            "Certification signalée %(when)s ; accordée pour %(years)d ans, elle a pris fin "
            "%(end)s : le %(day)s, elle était peut-être déjà terminée, et aucun renouvellement "
            "n'est signalé.",
            when=when,
            years=years,
            end=bounded_date(end),
            day=day,
        )
    if reason == "term_ended":
        assert end is not None and end.latest is not None
        return _(
            "Certification signalée %(when)s ; accordée pour %(years)d ans, elle a pris fin au "
            "plus tard le %(end)s, et aucun renouvellement n'est signalé.",
            when=when,
            years=years,
            end=long_date(end.latest),
        )
    if reason == "report_undated":
        return _undated_explanation(finding)
    if reason == "event":
        assert finding.deciding is not None
        return _(
            "D'après l'événement enregistré %(when)s : %(event)s.",
            when=bounded_date(finding.deciding.bounds),
            event=EVENT_LABELS[finding.deciding.event.event],
        )
    return _(
        "Des événements aux dates incertaines se contredisent : impossible de dire lequel "
        "s'appliquait le %(day)s.",
        day=day,
    )


def _undated_explanation(finding: Finding) -> str:
    """A report whose date is unknown: never an end, only what may still be true."""
    assert finding.deciding is not None
    since = finding.deciding.reported_from
    published = (
        _("parue au plus tôt le %(day)s, peut-être bien après", day=long_date(since))
        if since
        else _("parue à une date inconnue")
    )
    return _(
        "Certification signalée par une source dont la date exacte est inconnue (%(published)s) "
        ": on ne peut dater ni son obtention ni la fin de son terme de %(years)d ans. Au "
        "%(day)s, elle est peut-être encore en vigueur ; seuls l'entreprise ou l'organisme qui "
        "la délivre peuvent le confirmer.",
        published=published,
        years=finding.term_years,
        day=long_date(finding.date),
    )


def latest_evidence_phrase(finding: Finding) -> str:
    """When the newest source appeared, as a reader says it: an exact day only when a source
    or certificate gives it; a bound inferred from a source reads "au plus tard en mai 2022"
    (its inferred day stays in the sources and the API). An undated source may be the newest,
    so it comes first."""
    undated = [e.reported_from for e in finding.undated_evidence]
    if undated:
        since = max((d for d in undated if d), default=None)
        if since is None:
            return _("à une date inconnue")
        return _("à une date inconnue, au plus tôt en %(month)s", month=month_year(since))
    latest = finding.latest_evidence
    if latest is None:
        return _("aucune source datée")
    exact = latest in finding.certificates_published or any(
        e.bounds.exact == latest for e in finding.evidence
    )
    return (
        _("le %(day)s", day=long_date(latest))
        if exact
        else _("au plus tard en %(month)s", month=month_year(latest))
    )


def field_labels(fields: tuple[str, ...]) -> str:
    return ", ".join(str(FIELD_LABELS.get(f, f)) for f in fields)
