"""Hostile input: property tests on the search function and routes, plus a fixed nasty list.

Hypothesis runs derandomized (same examples every run, no example database) with a
moderate example count, so the suite stays fast and a failure reproduces exactly.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index import DESIGNATING, MATCH_TYPES, MAX_QUERY_LENGTH, READ_AS, QueryTooLong
from search_index.normalize import clean_query

PROPERTY = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
ROUTE_PROPERTY = settings(PROPERTY, max_examples=120)
WHOOSH_SYNTAX = [
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "*", "?", "~2", "^3", '"', "'", "(", ")",
    "[", "]", "{", "}", "TO", ":", "name:", "slug:*", "siren:", "\\", "/", "<", ">", "=",
    "%", "%00", "www.", ".fr", "https://", "maif", "edf", "552 081 317", " ",
]  # fmt: skip
# st.text() never yields lone surrogates, so strings are built from characters directly,
# weighted towards what breaks parsers: controls, invisible formats, separators, surrogates.
ANY_CHARACTER = st.one_of(
    st.characters(codec=None),
    st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)


def strings(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(ANY_CHARACTER, max_size=max_size).map("".join)


HOSTILE_TEXT = st.one_of(
    strings(max_size=60),
    st.lists(st.one_of(st.sampled_from(WHOOSH_SYNTAX), strings(max_size=4))).map("".join),
    st.builds(lambda text, times: text * times, strings(max_size=8),
              st.integers(min_value=20, max_value=2000)),
)  # fmt: skip
HTMX_ACTIVE_SEARCH = {"HX-Request": "true", "HX-Trigger": "search-input"}


def as_sent_by_a_client(text: str) -> str:
    """Percent-encode as raw bytes; lone surrogates become the invalid UTF-8 a client can send."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@pytest.fixture(scope="module")
def hostile_client(make_app):
    return make_app().test_client()


@PROPERTY
@given(text=HOSTILE_TEXT, limit=st.integers(min_value=-5, max_value=100))
def test_search_function_answers_anything_or_says_too_long(bundled_index, text, limit):
    try:
        outcome = bundled_index.search(text, limit=limit)
    except QueryTooLong as too_long:
        assert too_long.length > MAX_QUERY_LENGTH
        assert len(clean_query(text)) > MAX_QUERY_LENGTH
        return
    assert outcome.query == clean_query(text)
    outcome.query.encode("utf-8")  # no surrogate survives cleaning
    assert outcome.read_as in READ_AS
    assert len(outcome.results) <= max(1, limit)
    assert all(r.match_type in MATCH_TYPES for r in outcome.results)
    assert len({r.slug for r in outcome.results}) == len(outcome.results)
    assert outcome.verdict is None or outcome.verdict.match_type in DESIGNATING


@ROUTE_PROPERTY
@given(text=HOSTILE_TEXT, limit=st.one_of(st.none(), strings(max_size=4)))
def test_api_search_answers_json_or_a_problem(hostile_client, text, limit):
    query = "q=" + as_sent_by_a_client(text)
    if limit is not None:
        query += "&limit=" + as_sent_by_a_client(limit)
    response = hostile_client.get("/api/v1/search", query_string=query)
    assert response.status_code in (200, 400)
    body = response.get_json()
    if response.status_code == 400:
        assert response.mimetype == "application/problem+json"
        assert body["status"] == 400 and body["detail"]
    else:
        assert response.mimetype == "application/json"
        assert set(body) >= {"query", "verdict", "results", "suggestions", "notices"}
    assert "Set-Cookie" not in response.headers


class PageCheck(HTMLParser):
    """Counts top-level elements and flags any <script> the query could have injected."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            assert dict(attrs).get("src", "").startswith("/static/"), attrs


@ROUTE_PROPERTY
@given(text=HOSTILE_TEXT, active_search=st.booleans())
def test_search_page_answers_html_or_a_readable_400(hostile_client, text, active_search):
    headers = HTMX_ACTIVE_SEARCH if active_search else {}
    response = hostile_client.get(
        "/recherche", query_string="q=" + as_sent_by_a_client(text), headers=headers
    )
    assert response.status_code in (200, 400)
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    parser = PageCheck()
    parser.feed(page)
    if response.status_code == 400:
        assert "Requête incorrecte" in page and "limite" in page
    elif not active_search:
        assert parser.tags.count("h1") == 1 and page.rstrip().endswith("</html>")


NASTY = [
    ("\ud800", None),
    ("\udfffedf", None),
    ("\x00edf\x00", "edf"),
    ("e\u200bd\u200bf", "edf"),
    ("\u202eedf", "edf"),
    ("ＥＤＦ", "edf"),
    ("ＭＡＩＦ", "maif"),
    ("MAIF\r\nSet-Cookie: x=1", None),
    ("maif AND NOT maaf", None),
    ("name:maif", None),
    ("slug:*", None),
    ("m*f", None),
    ("maif~2", None),
    ('"maif"', "maif"),
    ("<maif>", "maif"),
    ("https://user:pass@www.maif.fr/", None),
    ("https://www.maif.fr:443/x?y#z", "maif"),
    ("http://[::1]/", None),
    ("http://maif.fr:99999999/", "maif"),
    ("xn--maf-fla.fr", None),
    ("552 081 317 552 081 317", None),
    ("5" * 9, None),
    (" " * 5000, None),
    ("a" * MAX_QUERY_LENGTH, None),
]


@pytest.mark.parametrize(("query", "verdict"), NASTY)
def test_nasty_queries_get_a_sane_answer(hostile_client, query, verdict):
    response = hostile_client.get("/api/v1/search", query_string="q=" + as_sent_by_a_client(query))
    assert response.status_code == 200
    found = response.get_json()["verdict"]
    assert (found and found["slug"]) == verdict


def test_long_queries_get_no_fuzzy_matching_whose_cost_grows_with_length(bundled_index):
    legal_name = "mutuelle assurance des instituteurs de france"
    assert bundled_index.search(legal_name).verdict.slug == "maif"
    assert bundled_index.search(legal_name[:-1] + "x").results == ()
