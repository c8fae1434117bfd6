"""Atom entries, one per real change: each recorded fact at its real or bounded date, and the
transitions the label's term implies, each an entry of its own: the day the status changes by
the mere passage of time (the term's earliest possible end, when a press-reported
certification stops being certainly in force) and the term's latest end.

A bounded fact is dated by its latest bound and says "no later than"; the day it entered the
register is another kind of date, said in the fact's own entry, not an entry of its own. A fact
with no latest bound has no day of its own: its entry is dated by its entry in the register,
and says so. A derived transition (the term's end, at its latest bound) appears only once that
day has come. IDs are tag: URIs from the slug, the event's position in the history and the
kind of entry: the history only grows at the end, so IDs never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import abort, url_for

from register import Company, Evidence, Finding, Register, find
from register.certificate_findings import ONE_DAY
from register.changelog import Logged
from register.model import Certificate, CertificateVersion, number_key
from webapp import query_args

# The year this site started minting feed IDs: part of every tag: URI, so it never changes.
TAG_YEAR = 2026
KINDS = ("event", "recorded", "status_change", "term_end", "certificate_issued",
         "certificate_status", "certificate_expired")  # fmt: skip
# Entries per page: feed readers poll the first page, which holds the newest entries; the
# older ones stay reachable through RFC 5005 paging links, so no request renders them all.
FEED_PAGE_SIZE = 100


@dataclass(frozen=True)
class FeedEntry:
    id: str
    kind: str
    company: Company
    evidence: Evidence | None
    updated: dt.date
    finding: Finding | None = None
    certificate: Certificate | None = None
    version: CertificateVersion | None = None


def feed_entries(register: Register, today: dt.date, host: str) -> list[FeedEntry]:
    """Newest first; nothing dated after `today`."""
    authority = urlsplit(f"//{host}").hostname
    entries = []
    for company in register.companies:
        current = find(company, today, register.label)
        for item in current.evidence:
            base = f"tag:{authority},{TAG_YEAR}:{company.slug}/{item.position + 1}"
            if item.bounds.latest:
                entries.append(
                    FeedEntry(f"{base}/event", "event", company, item, item.bounds.latest)
                )
            elif item.event.recorded_on:
                entries.append(
                    FeedEntry(f"{base}/recorded", "recorded", company, item, item.event.recorded_on)
                )
        prefix = f"tag:{authority},{TAG_YEAR}"
        for entry in (
            _status_change_entry(company, current, register, prefix),
            _term_end_entry(company, current, register, prefix),
        ):
            if entry is not None:
                entries.append(entry)
        for certificate in company.certificates:
            entries += _certificate_entries(company, certificate, register, authority)
    past = [entry for entry in entries if entry.updated <= today]
    return sorted(past, key=lambda entry: (entry.updated, entry.id), reverse=True)


def _term_end_entry(
    company: Company, current: Finding, register: Register, prefix: str
) -> FeedEntry | None:
    """The day the deciding grant's term ended at the latest, told by the finding of that day."""
    deciding, term_end = current.deciding, current.term_end
    if deciding is None or term_end is None or term_end.latest is None:
        return None
    ended = find(company, term_end.latest, register.label)
    entry_id = f"{prefix}:{company.slug}/{deciding.position + 1}/term_end"
    return FeedEntry(entry_id, "term_end", company, deciding, term_end.latest, ended)


def _status_change_entry(
    company: Company, current: Finding, register: Register, prefix: str
) -> FeedEntry | None:
    """The first day the term may have ended, when that day changes the status with no new
    data (reported → unconfirmed): subscribers learn it that day, not at the latest end."""
    deciding, term_end = current.deciding, current.term_end
    if deciding is None or term_end is None or term_end.earliest is None:
        return None
    day = term_end.earliest
    changed = find(company, day, register.label)
    if changed.status == find(company, day - ONE_DAY, register.label).status:
        return None
    entry_id = f"{prefix}:{company.slug}/{deciding.position + 1}/status_change"
    return FeedEntry(entry_id, "status_change", company, deciding, day, changed)


def feed_page(
    entries: list[FeedEntry], corrections: list[Logged]
) -> tuple[list[FeedEntry | Logged], dict[str, str]]:
    """The requested page of entries and corrections, newest first, and its links: self, and
    first, previous, next, last (RFC 5005 section 3, paged feeds); past the last page, a 404."""
    # Each list is newest first already; a stable sort on the date alone keeps their order.
    dated: list[tuple[dt.date, FeedEntry | Logged]] = [(e.updated, e) for e in entries]
    dated += [(c.change.date, c) for c in corrections]
    dated.sort(key=lambda item: item[0], reverse=True)
    last = max(1, -(-len(dated) // FEED_PAGE_SIZE))
    page = query_args.whole_number("page", default=1, minimum=1)
    if page > last:
        abort(404)
    start = (page - 1) * FEED_PAGE_SIZE
    numbers = {"self": page, "first": 1, "last": last}
    if page > 1:
        numbers["previous"] = page - 1
    if page < last:
        numbers["next"] = page + 1
    links = {
        rel: url_for("exports.feed", page=number if number > 1 else None, _external=True)
        for rel, number in numbers.items()
    }
    return [item for _, item in dated[start : start + FEED_PAGE_SIZE]], links


def _certificate_entries(
    company: Company, certificate: Certificate, register: Register, authority: str | None
) -> list[FeedEntry]:
    """Its issue, each change of status (when it took effect), and its end: each told by the
    finding of that day. IDs name the certificate and the day, which versions never move."""
    base = f"tag:{authority},{TAG_YEAR}:{company.slug}/certificate/{number_key(certificate.number)}"
    first, current = certificate.versions[0], certificate.current
    moments = [("certificate_issued", first.issued_on, first)]
    previous = None
    for version in certificate.versions:
        if version.status != "active" or (previous and previous.status != "active"):
            day = version.status_since or version.published_on
            moments.append(("certificate_status", day, version))
        previous = version
    if current.status != "withdrawn":
        ended = current.valid_until + ONE_DAY
        if current.status == "expired" and current.status_since:
            ended = min(ended, current.status_since)
        moments.append(("certificate_expired", ended, current))
    seen, entries = set(), []
    for kind, day, version in moments:
        entry_id = f"{base}/{kind.removeprefix('certificate_')}/{day.isoformat()}"
        if entry_id in seen:
            continue
        seen.add(entry_id)
        answer = find(company, day, register.label)
        entries.append(FeedEntry(entry_id, kind, company, None, day, answer, certificate, version))
    return entries
