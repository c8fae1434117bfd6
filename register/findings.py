"""What the register can say about a company on a given day: the one function every surface
renders (page, search, API, badge, card, JSON-LD, feed, CSV, citation).

`find(company, day, rules)` is pure: the same register, day and rules always give the same
finding, and today is an argument, never read from a clock here. It reasons only from dated
evidence: each event's date (stated, or bounded by the publication dates of the sources that
report it and by the label's start), and the label's term. So a certificate reported in a
2021–2022 article is `reported` only where it was certainly within its four-year term,
`unconfirmed` wherever the evidence cannot tell, and never silently "certified" forever.
A report known only to be published "on or after" some day (no latest bound) cannot place a
grant, hence cannot end a term either: it keeps the finding `unconfirmed` ("report_undated"),
never `reported` or ended, and being possibly the newest evidence it outweighs an older term.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from register import certificate_findings
from register.certificate_findings import CertificateDecision
from register.dating import DateBounds, add_years
from register.model import Company, HistoryEvent, LabelRules, Source

STATUSES = (
    "certified",
    "reported",
    "unconfirmed",
    "expired",
    "suspended",
    "withdrawn",
    "not_certified",
)
# `company`: the company's own claim (a certificate it sent us), never more than "reported".
BASES = ("certificate", "company", "press", "none")
# Why a finding is what it is; the web layer's wording module turns each into a sentence.
REASONS = (
    "label_not_yet",  # the day is before the label existed
    "no_evidence",  # nothing reports a certification
    "before_evidence",  # the day is before any recorded event
    "grant_not_certain",  # a grant is reported, but may not have happened yet on that day
    "within_term",  # a grant certainly happened and its term had certainly not ended
    "term_may_have_ended",  # the term's end falls within bounds that contain the day
    "term_ended",  # the term has certainly ended and no renewal is recorded
    "event",  # an explicit dated expiry, suspension or withdrawal
    "events_unordered",  # conflicting events whose order on that day is uncertain
    "report_undated",  # a grant reported by sources of unknown latest date: it may be in force
    "certificate_in_force",  # the issuer's record: active, within [issued_on, valid_until]
    "certificate_status",  # the issuer's record: suspended or withdrawn since status_since
    "certificate_ended",  # the issuer's record: past valid_until, or stated expired
    "claim_in_force",  # the company's own certificate, within its stated validity
    "claim_ended",  # the company's own certificate, past its stated validity
)


@dataclass(frozen=True)
class Evidence:
    """An event as the finding used it: its bounds (stated or derived) and its grade."""

    event: HistoryEvent
    position: int
    bounds: DateBounds
    sources: tuple[Source, ...]

    @property
    def basis(self) -> str:
        return "certificate" if any(s.issuer_grade for s in self.sources) else "press"

    @property
    def earliest(self) -> dt.date:
        assert self.bounds.earliest is not None  # clipped to the label's start
        return self.bounds.earliest

    @property
    def reported_from(self) -> dt.date | None:
        """The first day any of its sources can have appeared, when every one of them says."""
        days = [s.published.earliest for s in self.sources if s.published and s.published.earliest]
        return min(days) if days and len(days) == len(self.sources) else None

    @property
    def undated(self) -> bool:
        """No latest bound: no stated date, and every source is known only to have been
        published on or after some day. One bounded source is enough to date the event."""
        return self.bounds.latest is None

    def certain_by(self, day: dt.date) -> bool:
        return self.bounds.latest is not None and self.bounds.latest <= day


@dataclass(frozen=True)
class Finding:
    date: dt.date
    status: str
    basis: str
    reason: str
    term_years: int
    term_end: DateBounds | None = None
    deciding: Evidence | None = None
    evidence: tuple[Evidence, ...] = ()
    holds_from: dt.date | None = None  # the finding is the same on every day from here…
    changes_on: dt.date | None = None  # …until this day, when it may change without new data
    certificate: CertificateDecision | None = None  # the certificate record that decided
    certificates_published: tuple[dt.date, ...] = ()  # when each certificate version was

    @property
    def latest_evidence(self) -> dt.date | None:
        """The day by which the most recent recorded fact is certain (its latest bound)."""
        days = [e.bounds.latest for e in self.evidence if e.bounds.latest]
        return max([*days, *self.certificates_published], default=None)

    @property
    def undated_evidence(self) -> tuple[Evidence, ...]:
        """Events whose latest date is unknown: any of them may be the newest fact."""
        return tuple(e for e in self.evidence if e.undated)

    @property
    def evidence_is_stale(self) -> bool:
        """True when even the newest evidence is older than one full term of the label;
        never while an undated report could be recent."""
        latest = self.latest_evidence
        if latest is None or self.undated_evidence:
            return False
        return add_years(latest, self.term_years) <= self.date


def evidence_for(company: Company, rules: LabelRules) -> tuple[Evidence, ...]:
    """Every event with its bounds: a stated date, else [label start, first certain report]."""
    return tuple(
        _evidence(company, event, position, rules) for position, event in enumerate(company.history)
    )


def _evidence(company: Company, event: HistoryEvent, position: int, rules: LabelRules) -> Evidence:
    sources = tuple(company.source(s) for s in event.sources)
    stated = event.date
    earliest = stated.earliest if stated and stated.earliest else rules.exists_from
    latest = stated.latest if stated else None
    reported = [s.published.latest for s in sources if s.published and s.published.latest]
    if reported:
        latest = min([latest, *reported]) if latest else min(reported)
    earliest = max(earliest, rules.exists_from)
    if latest is not None and latest < earliest:
        latest = earliest
    reason, reason_en = (stated.reason, stated.reason_en) if stated else (None, None)
    return Evidence(event, position, DateBounds(earliest, latest, reason, reason_en), sources)


def find(company: Company, day: dt.date, rules: LabelRules) -> Finding:
    """The company's status on `day`, with its basis, reason, term-end bounds and evidence."""
    evidence = evidence_for(company, rules)
    certificate = certificate_findings.decide(company, day)
    if certificate is not None:  # the issuer's record (or the company's own) speaks first
        version = certificate.version
        finding = (certificate.status, certificate.basis, certificate.reason,
                   DateBounds.exactly(version.valid_until), None)  # fmt: skip
    else:
        finding = _decide(day, rules, evidence)
        if finding[0] == "not_certified" and day >= rules.exists_from:
            certificate = certificate_findings.lapsed_claim(company, day)
            if certificate is not None:
                finding = (certificate.status, certificate.basis, certificate.reason,
                           DateBounds.exactly(certificate.version.valid_until), None)  # fmt: skip
    before, after = _breakpoints(company, rules, evidence, day)
    return Finding(
        date=day,
        status=finding[0],
        basis=finding[1],
        reason=finding[2],
        term_years=rules.term_years,
        term_end=finding[3],
        deciding=finding[4],
        evidence=evidence,
        holds_from=before,
        changes_on=after,
        certificate=certificate,
        certificates_published=tuple(certificate_findings.published_days(company)),
    )


_Decision = tuple[str, str, str, DateBounds | None, Evidence | None]


def _decide(day: dt.date, rules: LabelRules, evidence: tuple[Evidence, ...]) -> _Decision:
    if day < rules.exists_from:
        return "not_certified", "none", "label_not_yet", None, None
    if not evidence:
        return "not_certified", "none", "no_evidence", None, None
    happened = [e for e in evidence if e.certain_by(day)]
    pending = [e for e in evidence if e.earliest <= day and not e.certain_by(day)]
    undated = _newest_undated_grant(pending)
    if not happened:
        if not pending:
            return "not_certified", "none", "before_evidence", None, None
        if undated is not None and all(e.undated for e in pending):
            return "unconfirmed", undated.basis, "report_undated", None, undated
        first = min(pending, key=lambda e: (e.earliest, e.position))
        return "unconfirmed", first.basis, "grant_not_certain", None, first
    last = max(happened, key=lambda e: (e.bounds.latest, e.position))
    rivals = [e for e in (*happened, *pending) if e.event.is_grant != last.event.is_grant]
    if any(_may_follow(other, last) and _could_be_later(other, last, evidence) for other in rivals):
        return "unconfirmed", last.basis, "events_unordered", None, last
    if not last.event.is_grant:
        return last.event.event, last.basis, "event", None, last
    term_end = _term_end(rules, happened, last)
    assert term_end.earliest is not None and term_end.latest is not None
    if day < term_end.earliest:
        status = "certified" if last.basis == "certificate" else "reported"
        return status, last.basis, "within_term", term_end, last
    if undated is not None:
        # The term may have ended, but an undated report may be a later grant: newest wins.
        return "unconfirmed", undated.basis, "report_undated", None, undated
    if day < term_end.latest:
        return "unconfirmed", last.basis, "term_may_have_ended", term_end, last
    return "unconfirmed", last.basis, "term_ended", term_end, last


def _newest_undated_grant(pending: list[Evidence]) -> Evidence | None:
    """Among grants not yet certain on the day, the newest one with no latest bound."""
    undated = [e for e in pending if e.undated and e.event.is_grant]
    return max(undated, key=lambda e: (e.earliest, e.position), default=None)


def _may_follow(other: Evidence, last: Evidence) -> bool:
    """Could `other` have happened after `last`? Same-day exact events keep register order."""
    if other.bounds.latest is None or other.bounds.latest > last.earliest:
        return True
    return other.bounds.latest == last.earliest and other.position > last.position


def _could_be_later(grant: Evidence, ending: Evidence, evidence: tuple[Evidence, ...]) -> bool:
    """An expiry, suspension or withdrawal ends an earlier grant: a grant that may follow it
    really competes only if another grant could have been the one it ended."""
    if ending.event.is_grant:
        return True
    latest = ending.bounds.latest or dt.date.max
    return any(e is not grant and e.event.is_grant and e.earliest <= latest for e in evidence)


def _term_end(rules: LabelRules, happened: list[Evidence], last: Evidence) -> DateBounds:
    """A reinstatement resumes the latest certain grant's term."""
    grant = last
    if last.event.event == "reinstated":
        grants = [e for e in happened if e.event.event in ("certified", "renewed")]
        grant = max(grants, key=lambda e: (e.bounds.latest, e.position), default=last)
    assert grant.bounds.latest is not None
    return DateBounds(
        add_years(grant.earliest, rules.term_years),
        add_years(grant.bounds.latest, rules.term_years),
    )


def _breakpoints(
    company: Company, rules: LabelRules, evidence: tuple[Evidence, ...], day: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """The days around `day` where the finding may change: every bound it compares `day` to.

    Between two consecutive breakpoints nothing the decision reads changes, so the finding is
    constant there: validators and caches can rely on [holds_from, changes_on).
    """
    points = {rules.exists_from}
    for item in evidence:
        points.add(item.earliest)
        if item.bounds.latest:
            points.add(item.bounds.latest)
        if item.event.is_grant:
            points.add(add_years(item.earliest, rules.term_years))
            if item.bounds.latest:
                points.add(add_years(item.bounds.latest, rules.term_years))
    points |= certificate_findings.breakpoints(company)
    before = max((p for p in points if p <= day), default=None)
    after = min((p for p in points if p > day), default=None)
    return before, after
