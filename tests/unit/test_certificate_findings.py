"""Findings from certificate records: the issuer's word decides, the company's own claim is
never more than "reported", press never overrides a certificate, and time alone turns a
certificate past its last valid day into "expired". Stated as properties (Hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from register import find
from register.dating import DateBounds
from register.model import (
    Certificate,
    CertificateVersion,
    Company,
    HistoryEvent,
    LabelRules,
    Source,
)

DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2034, 12, 31))
ONE_DAY = dt.timedelta(days=1)
PRESS = Source("press", "press", "Article", "https://example.org/a", None, ("status",),
               published=DateBounds.exactly(dt.date(2021, 6, 1)))  # fmt: skip
CERTIFIER = Source("api", "certifier", "Publication", None, None, ("certificates",),
                   publisher="Organisme")  # fmt: skip
OWN = Source("own", "company", "Certificat envoyé", "https://example.org/c", None, ("status",))
RULES = LabelRules("Relation Client France", 4, ("press",), dt.date(2020, 12, 1), "test",
                   ("press",), (PRESS,))  # fmt: skip


def company(certificates=(), history=()) -> Company:
    return Company(
        slug="generee", name="Générée", legal_name=None, aliases=(), domains=(), siren=None,
        certificates=tuple(certificates), scope=None, reviewed_on=None, note=None,
        history=tuple(history), sources=(PRESS, CERTIFIER, OWN),
    )  # fmt: skip


def version(status="active", issued=dt.date(2024, 1, 1), until=dt.date(2027, 12, 31),
            since=None, published=None, source=CERTIFIER) -> CertificateVersion:  # fmt: skip
    return CertificateVersion(status, issued, until, since, None, "Organisme",
                              published or max(issued, since or issued), source)  # fmt: skip


@st.composite
def versions(draw, source: Source) -> tuple[CertificateVersion, ...]:
    issued = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1)))
    until = issued + dt.timedelta(days=draw(st.integers(min_value=0, max_value=1500)))
    published = issued + dt.timedelta(days=draw(st.integers(min_value=0, max_value=30)))
    result = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        status = draw(st.sampled_from(["active", "active", "suspended", "withdrawn", "expired"]))
        since = None
        if status != "active" or draw(st.booleans()):
            since = issued + dt.timedelta(days=draw(st.integers(min_value=0, max_value=1600)))
        published = max(published, since or published)
        result.append(version(status, issued, until, since, published, source))
        published += dt.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    return tuple(result)


@st.composite
def certified_companies(draw) -> Company:
    certificates = [
        Certificate(f"RCF-{n}", draw(versions(draw(st.sampled_from([CERTIFIER, OWN])))))
        for n in range(draw(st.integers(min_value=1, max_value=3)))
    ]
    press = draw(st.sampled_from(["certified", "withdrawn", "expired", None]))
    history = [HistoryEvent(press, ("press",), DateBounds.exactly(draw(DAYS)))] if press else []
    return company(certificates, history)


def in_force(version: CertificateVersion, day: dt.date) -> bool:
    return version.issued_on <= day <= version.valid_until


@settings(max_examples=400, deadline=None)
@given(certified_companies(), DAYS)
def test_certified_only_within_an_active_issuer_version(generated, day):
    finding = find(generated, day, RULES)
    if finding.status == "certified":
        decided = finding.certificate
        assert finding.basis == "certificate" and decided.version.issuer_grade
        assert decided.version.status == "active" or day < (decided.version.status_since or day)
        assert in_force(decided.version, day)


@settings(max_examples=400, deadline=None)
@given(certified_companies(), DAYS)
def test_press_never_overrides_an_issued_certificate(generated, day):
    issued = [
        c for c in generated.certificates
        if any(v.issuer_grade and v.issued_on <= day for v in c.versions)
    ]  # fmt: skip
    finding = find(generated, day, RULES)
    if issued:
        assert finding.basis == "certificate", finding
        assert finding.status in ("certified", "suspended", "withdrawn", "expired")


@settings(max_examples=400, deadline=None)
@given(certified_companies(), DAYS)
def test_a_company_claim_is_never_certified_and_reported_only_in_its_validity(generated, day):
    finding = find(generated, day, RULES)
    if finding.basis == "company":
        assert finding.status in ("reported", "unconfirmed")
        assert finding.certificate.version.source.kind == "company"
        claim = finding.certificate.version
        if finding.status == "reported":
            assert in_force(claim, day) and finding.reason == "claim_in_force"
        else:
            assert finding.reason == "claim_ended"
            assert day > claim.valid_until or claim.status == "expired"


@settings(max_examples=400, deadline=None)
@given(certified_companies(), DAYS)
def test_suspended_and_withdrawn_hold_from_their_status_since(generated, day):
    finding = find(generated, day, RULES)
    if finding.status in ("suspended", "withdrawn") and finding.basis == "certificate":
        version = finding.certificate.version
        assert version.status == finding.status and version.status_since <= day


@settings(max_examples=400, deadline=None)
@given(certified_companies(), DAYS)
def test_the_finding_is_constant_between_its_breakpoints(generated, day):
    finding = find(generated, day, RULES)
    key = (finding.status, finding.basis, finding.reason, finding.term_end)
    for edge in (finding.holds_from, finding.changes_on and finding.changes_on - ONE_DAY):
        if edge is not None:
            other = find(generated, edge, RULES)
            assert (other.status, other.basis, other.reason, other.term_end) == key


@given(DAYS)
def test_a_certificate_valid_until_yesterday_reads_expired_today(today):
    issued = min(today - ONE_DAY, dt.date(2030, 1, 1)) - dt.timedelta(days=400)
    single = company([Certificate("RCF-1", (version(issued=issued, until=today - ONE_DAY),))])
    yesterday = find(single, today - ONE_DAY, RULES)
    assert (yesterday.status, yesterday.changes_on) == ("certified", today)
    assert (find(single, today, RULES).status, find(single, today, RULES).reason) == (
        "expired",
        "certificate_ended",
    )


def test_a_lifted_suspension_still_reads_suspended_on_the_days_it_lasted():
    history = (
        version(),
        version("suspended", since=dt.date(2025, 3, 1)),
        version("active", published=dt.date(2025, 5, 1)),
    )
    lifted = company([Certificate("RCF-1", history)])
    assert find(lifted, dt.date(2025, 2, 28), RULES).status == "certified"
    assert find(lifted, dt.date(2025, 4, 1), RULES).status == "suspended"
    assert find(lifted, dt.date(2025, 5, 1), RULES).status == "certified"


def test_a_newer_certificate_replaces_an_expired_one():
    old = Certificate("RCF-1", (version(until=dt.date(2025, 12, 31)),))
    new = Certificate("RCF-2", (version(issued=dt.date(2026, 2, 1), until=dt.date(2030, 1, 31)),))
    renewed = company([old, new])
    gap = find(renewed, dt.date(2026, 1, 15), RULES)
    assert (gap.status, gap.certificate.certificate.number) == ("expired", "RCF-1")
    later = find(renewed, dt.date(2026, 3, 1), RULES)
    assert (later.status, later.certificate.certificate.number) == ("certified", "RCF-2")


def test_the_issuer_confirming_a_claim_makes_it_certified():
    claim = version(source=OWN, published=dt.date(2024, 2, 1))
    claimed = company([Certificate("RCF-1", (claim,))])
    day = dt.date(2024, 6, 1)
    assert (find(claimed, day, RULES).status, find(claimed, day, RULES).basis) == (
        "reported",
        "company",
    )
    confirmed = company([Certificate("RCF-1", (claim, version(published=dt.date(2024, 3, 1))))])
    assert find(confirmed, day, RULES).status == "certified"
