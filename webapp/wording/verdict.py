"""The verdict in plain words: what the status means, with bounds a person understands.

A press report dated only by its sources' publication reads "en 2021-2022", and a term's
end inferred from it reads "au plus tard en mai 2026": the exact inferred day is a deduction,
so it stays in the sources, the history and the API, never in the sentence people quote.
Findings this module has no plain sentence for keep the full explanation.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from register import Finding
from register.findings import Evidence
from webapp.wording import status_label
from webapp.wording.dates import long_date, month_year, years
from webapp.wording.register_text import register_text

# Each status in one line, for the key wherever statuses are listed.
STATUS_KEY = {
    "certified": _l("un certificat en cours de validité est publié par l'organisme."),
    "reported": _l(
        "la presse la cite comme certifiée, dans les 4 ans du label ; aucun certificat publié."
    ),
    "unconfirmed": _l(
        "citée comme certifiée il y a plus de 4 ans, aucun renouvellement "
        "connu : rien ne dit qu'elle l'est encore."
    ),
    "expired": _l("le certificat est arrivé à échéance."),
    "suspended": _l("l'organisme a suspendu le certificat."),
    "withdrawn": _l("l'organisme a retiré le certificat."),
    "not_certified": _l("aucune source ne la cite comme certifiée."),
}


def reported_years(evidence: Evidence) -> str:
    """'en 2021-2022': the years its sources appeared in, else the month it is certain by."""
    firsts = [
        s.published.earliest for s in evidence.sources if s.published and s.published.earliest
    ]
    lasts = [s.published.latest for s in evidence.sources if s.published and s.published.latest]
    if firsts and lasts:
        first, last = min(firsts).year, max([*lasts, *firsts]).year
        return _("en %(years)s", years=years(first, last))
    if evidence.bounds.exact:
        return _("le %(day)s", day=long_date(evidence.bounds.exact))
    if evidence.bounds.latest:
        return _("au plus tard en %(month)s", month=month_year(evidence.bounds.latest))
    return _("à une date inconnue")


def plain_verdict(finding: Finding) -> str | None:
    """One sentence for a press-reported certification and its 4-year term, or None."""
    evidence, end = finding.deciding, finding.term_end
    if evidence is not None and finding.basis == "press" and finding.reason == "report_undated":
        return _undated_report(evidence, finding.term_years)
    if evidence is None or finding.basis != "press" or end is None or end.latest is None:
        return None
    when, term = reported_years(evidence), finding.term_years
    bound = month_year(end.latest)
    if finding.reason == "term_ended":
        return _(
            "Citée comme certifiée par la presse %(when)s. Le label dure %(years)d ans : sauf "
            "renouvellement, dont nous n'avons trouvé aucune trace, il a expiré au plus tard "
            "en %(month)s.",
            when=when,
            years=term,
            month=bound,
        )
    if finding.reason == "term_may_have_ended":
        return _(
            "Citée comme certifiée par la presse %(when)s. Le label dure %(years)d ans : sauf "
            "renouvellement, dont nous n'avons trouvé aucune trace, il expire au plus tard en "
            "%(month)s ; le %(day)s, il avait peut-être déjà expiré.",
            when=when,
            years=term,
            month=bound,
            day=long_date(finding.date),
        )
    if finding.reason == "within_term":
        return _(
            "Citée comme certifiée par la presse %(when)s. Le label dure %(years)d ans : le "
            "%(day)s, elle l'était donc encore (jusqu'en %(month)s au plus tard, sauf "
            "renouvellement).",
            when=when,
            years=term,
            day=long_date(finding.date),
            month=bound,
        )
    return None


def _undated_report(evidence: Evidence, term_years: int) -> str:
    """No date, so no end: what may still be true, and who can settle it. The earliest day a
    source can have appeared is an inference, so it reads as a month."""
    since = evidence.reported_from
    if since is None:
        return _(
            "Citée comme certifiée par une source non datée. Faute de date, la fin de son terme de "
            "%(years)d ans est inconnue : elle est peut-être encore certifiée, ce que "
            "seuls l'entreprise ou l'organisme certificateur peuvent confirmer.",
            years=term_years,
        )
    return _(
        "Citée comme certifiée par une source non datée, parue au plus tôt en %(month)s. Faute "
        "de date, la fin de son terme de %(years)d ans est inconnue : elle est "
        "peut-être encore certifiée, ce que seuls l'entreprise ou l'organisme certificateur "
        "peuvent confirmer.",
        month=month_year(since),
        years=term_years,
    )


def status_words(status: str, basis: str | None = None) -> str:
    """The status inside a sentence, after a colon: the headline's words, lower-case first."""
    label = status_label(status, basis)
    return label[:1].lower() + label[1:]


def dated_status(as_of: Finding) -> str:
    """'Au 1er janvier 2023 : certification signalée par la presse'."""
    return _(
        "Au %(day)s : %(status)s",
        day=long_date(as_of.date),
        status=status_words(as_of.status, as_of.basis),
    )


def page_title(name: str, today: Finding, as_of: Finding | None) -> str:
    """A dated permalink leads with the status on its date, then today's."""
    if as_of is None:
        return _("%(name)s — %(status)s", name=name, status=status_label(today.status, today.basis))
    return _(
        "%(name)s — %(dated)s (aujourd'hui : %(now)s)",
        name=name,
        dated=dated_status(as_of),
        now=status_words(today.status, today.basis),
    )


def finding_sources(finding: Finding) -> Markup | str:
    """The titles of the sources a finding rests on, for citations that name them."""
    sources = {s.id: s for e in finding.evidence for s in e.sources}
    if not sources:
        return _("aucune source enregistrée")
    return Markup(_(" ; ")).join(register_text(s, "title") for s in sources.values())
