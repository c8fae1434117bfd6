"""The finding function: the required answers for the bundled register, and its invariants
stated as properties over generated histories (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from register import DateBounds, certificate_findings, find, load_register
from register.dating import add_years
from register.model import Company, HistoryEvent, LabelRules, Source
from register.paths import DEFAULT_REGISTRY_PATH
from tests.support.bundled_register import DATED_AND_UNDATED, DATED_ONLY, UNDATED_ONLY
from tests.unit.test_certificate_findings import RULES as CERTIFICATE_RULES
from tests.unit.test_certificate_findings import certified_companies

FIXTURE = Path(__file__).parent.parent / "support" / "fixtures" / "register-dated-history.json"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def bundled():
    return load_register(DEFAULT_REGISTRY_PATH)


NOT_YET = ("not_certified", "label_not_yet")
UNDATED = ("unconfirmed", "report_undated")


def test_every_bundled_company_is_in_exactly_one_kind(bundled):
    kinds = DATED_ONLY + DATED_AND_UNDATED + UNDATED_ONLY
    assert sorted(c.slug for c in bundled.companies) == sorted(kinds)


@pytest.mark.parametrize(
    ("day", "dated_only", "dated_and_undated", "undated_only"),
    [
        ("2020-01-01", NOT_YET, NOT_YET, NOT_YET),
        ("2021-03-01", *[("unconfirmed", "grant_not_certain")] * 2, UNDATED),
        ("2023-01-01", *[("reported", "within_term")] * 2, UNDATED),
        ("2025-09-01", ("unconfirmed", "term_may_have_ended"), UNDATED, UNDATED),
        ("2026-11-29", ("unconfirmed", "term_ended"), UNDATED, UNDATED),
    ],
)
def test_each_company_has_the_required_status_on_each_date(
    bundled, day, dated_only, dated_and_undated, undated_only
):
    expected = {
        **dict.fromkeys(DATED_ONLY, dated_only),
        **dict.fromkeys(DATED_AND_UNDATED, dated_and_undated),
        **dict.fromkeys(UNDATED_ONLY, undated_only),
    }
    for slug, status_and_reason in expected.items():
        finding = find(bundled.get(slug), dt.date.fromisoformat(day), bundled.label)
        assert (finding.status, finding.reason) == status_and_reason, slug


def test_today_the_term_ended_no_later_than_20_may_2026(bundled):
    finding = find(bundled.get("maif"), TODAY, bundled.label)
    assert finding.basis == "press"
    assert finding.term_end == DateBounds(dt.date(2024, 12, 1), dt.date(2026, 5, 20))
    assert finding.latest_evidence == dt.date(2022, 5, 20)
    assert finding.evidence_is_stale
    assert finding.holds_from == dt.date(2026, 5, 20)
    assert finding.changes_on is None


def test_the_dated_reports_are_one_event_backed_by_both_articles_with_derived_bounds(bundled):
    for slug in DATED_ONLY + DATED_AND_UNDATED:
        evidence = find(bundled.get(slug), TODAY, bundled.label).evidence[0]
        assert {s.id for s in evidence.sources} == {"article-presse-rcf", "sfam-magazine"}
        assert evidence.bounds.earliest == dt.date(2020, 12, 1)
        assert evidence.bounds.latest == dt.date(2022, 5, 20)
        assert not evidence.undated, "one bounded source dates the event despite SFAM's open end"


def test_the_newest_undated_report_wins_and_every_source_is_listed(bundled):
    for slug in DATED_AND_UNDATED + UNDATED_ONLY:
        finding = find(bundled.get(slug), TODAY, bundled.label)
        assert (finding.status, finding.basis, finding.term_end) == ("unconfirmed", "press", None)
        assert finding.deciding.undated and finding.deciding.event.event == "certified"
        assert [s.id for s in finding.deciding.sources] == ["gazette-france-afrc"]
        assert finding.deciding.reported_from == dt.date(2021, 6, 1)
        assert not finding.evidence_is_stale, "an undated report may be recent"
        cited = {s.id for e in finding.evidence for s in e.sources}
        expected = {"gazette-france-afrc"}
        if slug in DATED_AND_UNDATED:
            expected |= {"article-presse-rcf", "sfam-magazine"}
        assert cited == expected, slug


def test_a_mention_supports_no_event(bundled):
    for slug in ("macif", "edenred", "maif", "edf"):
        company = bundled.get(slug)
        assert company.source("en-contact-chronique").covers == ("mention",)
        assert all("en-contact-chronique" not in e.sources for e in company.history)


def test_dated_fixture_expiry_and_certificate(bundled):
    fixture = load_register(FIXTURE)
    dated, complete = fixture.get("exemple-fictif-date"), fixture.get("exemple-fictif-complet")
    assert find(dated, dt.date(2025, 7, 1), fixture.label).status == "expired"
    assert find(dated, dt.date(2025, 9, 1), fixture.label).status == "reported"
    certified = find(complete, dt.date(2026, 2, 27), fixture.label)
    assert (certified.status, certified.basis) == ("certified", "certificate")
    last_day = find(complete, dt.date(2026, 2, 28), fixture.label)
    assert (last_day.status, last_day.reason) == ("certified", "certificate_in_force")
    ended = find(complete, dt.date(2026, 3, 1), fixture.label)
    assert (ended.status, ended.reason) == ("expired", "certificate_ended")
    empty = find(fixture.get("exemple-fictif-sans-historique"), TODAY, fixture.label)
    assert (empty.status, empty.basis, empty.reason) == ("not_certified", "none", "no_evidence")


# --- Properties over generated companies -------------------------------------------------

DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))


@st.composite
def bounds(draw, allow_open_end: bool = True) -> DateBounds | None:
    kind = draw(st.sampled_from(["none", "exact", "bounded"]))
    if kind == "none":
        return None
    first = draw(DAYS)
    if kind == "exact":
        return DateBounds.exactly(first)
    span = draw(st.integers(min_value=0, max_value=900))
    latest = None if allow_open_end and draw(st.booleans()) else first + dt.timedelta(days=span)
    return DateBounds(first, latest, "generated")


# A day something was published on or after, with no latest bound: or nothing known at all.
OPEN_ENDED = st.none() | DAYS.map(lambda day: DateBounds(day, None, "generated"))
EVENT_KINDS = [
    "certified",
    "certified",
    "renewed",
    "expired",
    "suspended",
    "reinstated",
    "withdrawn",
]


@st.composite
def companies(draw, undated: bool = False) -> tuple[Company, LabelRules]:
    """A company and label rules; `undated`: no event or source has a latest date, and no
    certificate record exists."""
    sources = tuple(
        Source(
            id=f"s{i}",
            kind=draw(st.sampled_from(["press", "press", "certifier", "official"])),
            title="generated",
            url="https://example.org/",
            file=None,
            covers=("status",),
            published=draw(OPEN_ENDED if undated else bounds()),
        )
        for i in range(draw(st.integers(min_value=1, max_value=3)))
    )
    events = tuple(
        HistoryEvent(
            event=draw(st.sampled_from(EVENT_KINDS)),
            sources=tuple(draw(st.sets(st.sampled_from([s.id for s in sources]), min_size=1))),
            date=draw(OPEN_ENDED if undated else bounds(allow_open_end=False)),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=4)))
    )
    company = Company(
        slug="generated",
        name="Generated",
        legal_name=None,
        aliases=(),
        domains=(),
        siren=None,
        certificates=(),
        scope=None,
        reviewed_on=None,
        note=None,
        history=events,
        sources=sources,
    )
    rules = LabelRules(
        name="Relation Client France",
        term_years=draw(st.integers(min_value=1, max_value=6)),
        term_sources=("s0",),
        exists_from=draw(DAYS),
        exists_from_reason="generated",
        exists_from_sources=("s0",),
        sources=sources,
    )
    return company, rules


@settings(max_examples=300, deadline=None)
@given(companies(), DAYS)
def test_statuses_and_bases_agree(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    if finding.status == "certified":
        assert finding.basis == "certificate"
    if finding.status == "reported":
        assert finding.basis == "press"
    if finding.status == "not_certified":
        assert finding.basis == "none"
    if day < rules.exists_from or not company.history:
        assert finding.status == "not_certified"


@settings(max_examples=300, deadline=None)
@given(companies(), DAYS)
def test_reported_or_certified_only_inside_a_certain_term(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    if finding.status not in ("certified", "reported"):
        return
    grant = finding.deciding
    assert grant is not None and grant.event.is_grant
    assert grant.bounds.latest is not None and grant.bounds.latest <= day  # certainly granted
    assert finding.term_end is not None and day < finding.term_end.earliest  # certainly in term
    if finding.status == "certified":
        assert any(s.issuer_grade for s in grant.sources)
    else:
        assert not any(s.issuer_grade for s in grant.sources)


@settings(max_examples=300, deadline=None)
@given(companies(), DAYS, DAYS)
def test_a_later_date_never_turns_unconfirmed_into_reported_without_new_evidence(
    generated, first, second
):
    company, rules = generated
    earlier, later = sorted((first, second))
    if find(company, earlier, rules).status != "unconfirmed":
        return
    if find(company, later, rules).status not in ("reported", "certified"):
        return
    finding = find(company, later, rules)
    arrived = [
        e
        for e in finding.evidence
        if e.bounds.latest is not None and earlier < e.bounds.latest <= later
    ]
    assert arrived, "only evidence that became certain in between may confirm again"


@settings(max_examples=300, deadline=None)
@given(companies(), DAYS)
def test_finding_is_constant_between_its_breakpoints(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    key = (finding.status, finding.basis, finding.reason, finding.term_end)
    if finding.holds_from is not None:
        assert finding.holds_from <= day
        start = find(company, finding.holds_from, rules)
        assert (start.status, start.basis, start.reason, start.term_end) == key
    if finding.changes_on is not None:
        assert day < finding.changes_on
        end = find(company, finding.changes_on - dt.timedelta(days=1), rules)
        assert (end.status, end.basis, end.reason, end.term_end) == key


@settings(max_examples=200, deadline=None)
@given(companies(), DAYS)
def test_the_term_end_is_the_grant_plus_the_term(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    if finding.term_end is None or finding.basis == "certificate":
        return
    grant = finding.deciding
    if grant.event.event == "reinstated":
        return  # a reinstatement resumes an earlier grant's term
    assert finding.term_end.earliest == add_years(grant.bounds.earliest, rules.term_years)


# --- Evidence with no latest date (a report known only to be published "on or after") ------


@st.composite
def undated_reports(draw) -> tuple[Source, HistoryEvent]:
    """One more event, backed by one source with no latest publication bound."""
    source = Source(
        id="undated",
        kind=draw(st.sampled_from(["press", "certifier", "official"])),
        title="generated",
        url="https://example.org/",
        file=None,
        covers=("status",),
        published=draw(OPEN_ENDED),
    )
    event = HistoryEvent(
        event=draw(st.sampled_from(EVENT_KINDS)), sources=("undated",), date=draw(OPEN_ENDED)
    )
    return source, event


@settings(max_examples=300, deadline=None)
@given(companies(undated=True), DAYS)
def test_undated_evidence_alone_never_yields_a_term_end_an_expiry_or_a_report(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    assert finding.status in ("not_certified", "unconfirmed")
    assert finding.term_end is None
    assert not finding.evidence_is_stale
    possible_grants = [e for e in finding.evidence if e.event.is_grant and e.earliest <= day]
    if day >= rules.exists_from and possible_grants:
        assert finding.reason == "report_undated"
        assert finding.deciding in possible_grants


@settings(max_examples=400, deadline=None)
@given(companies(), undated_reports(), DAYS)
def test_adding_an_undated_report_never_ends_a_term_expires_or_reports(generated, extra, day):
    company, rules = generated
    source, event = extra
    before = find(company, day, rules)
    more = replace(company, history=(*company.history, event), sources=(*company.sources, source))
    after = find(more, day, rules)
    added = len(company.history)
    if after.deciding is not None and after.deciding.position == added:
        assert (after.status, after.term_end) == ("unconfirmed", None)
    if after.status in ("reported", "certified", "expired"):
        assert after.status == before.status
        assert after.deciding.position != added
    if after.term_end is not None:
        assert after.term_end == before.term_end


@settings(max_examples=300, deadline=None)
@given(companies(), DAYS)
def test_report_undated_only_when_no_date_places_the_deciding_grant(generated, day):
    company, rules = generated
    finding = find(company, day, rules)
    if finding.reason != "report_undated":
        return
    assert (finding.status, finding.term_end) == ("unconfirmed", None)
    assert finding.deciding.event.is_grant and finding.deciding.undated
    assert finding.deciding.earliest <= day


@settings(max_examples=300, deadline=None)
@given(certified_companies(), undated_reports(), DAYS)
def test_an_undated_report_never_overrides_a_certificate_record(generated, extra, day):
    source, event = extra
    more = replace(
        generated, history=(*generated.history, event), sources=(*generated.sources, source)
    )
    if certificate_findings.decide(generated, day) is None:
        return
    before, after = find(generated, day, CERTIFICATE_RULES), find(more, day, CERTIFICATE_RULES)
    assert (after.status, after.basis, after.reason, after.term_end) == (
        before.status,
        before.basis,
        before.reason,
        before.term_end,
    )


def test_leap_day_terms_end_on_the_first_of_march():
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 3, 1)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
