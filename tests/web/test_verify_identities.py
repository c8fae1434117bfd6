"""Identity checks against a real local HTTP server answering in Sirene's documented format.

The format and the rate limit come from the API's OpenAPI description (see
tests/support/sirene_server.py); every answer and company here is invented.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bench.synth_registry import siren_from
from register.identity import SOURCE_ID
from register.sirene import RATE_PER_SECOND, SireneClient, SireneError
from register.untrusted import CONTROL_RE
from scripts.verify_identities import main
from search_index import current_generation
from tests.support.identities import CASES, answers, fictional_register
from tests.support.servers import wait_for
from tests.support.sirene_server import (
    TRICKLE_BODY,
    TRICKLE_BYTES,
    TRICKLE_HEADERS,
    found,
    legal_unit,
    sirene_api,
    status,
)
from tests.support.site import Site as SharedSite
from tests.web.conftest import frozen_clock

FAST = ["--timeout", "0.5", "--max-wait", "0.01"]


class Site(SharedSite):
    """A register of invented companies and its live index."""

    def verify(self, *options: str) -> int:
        return main([*self.paths(), *FAST, *options])

    def sources(self, slug: str) -> dict[str, dict]:
        return {s["id"]: s for s in self.company(slug)["sources"]}


@pytest.fixture
def site_with(tmp_path, bundled_register_raw, monkeypatch):
    """A site holding the given cases, and the fake API they are checked against."""

    def make(*slugs: str) -> Site:
        return Site(tmp_path / "site", fictional_register(bundled_register_raw, list(slugs)))

    return make


@pytest.fixture
def api(monkeypatch):
    with sirene_api(answers()) as served:
        monkeypatch.setenv("VERIF_SIRENE_API_URL", served.base_url)
        yield served


def test_an_active_match_is_recorded_as_a_dated_sirene_source(site_with, api, capsys):
    site = site_with("exemple-actif", "exemple-sans-siren")
    before = dt.datetime.now(dt.UTC).date()
    assert site.verify() == 0
    after = dt.datetime.now(dt.UTC).date()
    out = capsys.readouterr().out
    assert f"exemple-actif: confirmed — SIREN {CASES['exemple-actif'][2]}, EXEMPLE ACTIF" in out
    source = site.sources("exemple-actif")[SOURCE_ID]
    accessed = dt.date.fromisoformat(source["accessed"])
    assert before <= accessed <= after
    assert source["kind"] == "company-register"
    assert sorted(source["covers"]) == ["legal_name", "siren"]
    assert source["title"].startswith("Sirene, consulté le ")
    assert source["title_en"].startswith("Sirene, consulted on ")
    assert (
        source["note_en"]
        == "Active legal unit in the Sirene register under the name « EXEMPLE ACTIF »."
    )
    assert SOURCE_ID not in site.sources("exemple-sans-siren")
    assert current_generation(site.index_dir) != site.generation
    assert list((site.registry.parent / "history").iterdir())  # the old register is archived


def test_a_second_check_replaces_the_first_instead_of_piling_up(site_with, api):
    site = site_with("exemple-actif")
    assert site.verify() == 0
    assert site.verify() == 0
    assert [s for s in site.sources("exemple-actif") if s == SOURCE_ID] == [SOURCE_ID]


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("exemple-cesse", "is ceased in Sirene"),
        ("exemple-renomme", "legal name differs: register 'Exemple Renommé SA', "
                            "Sirene 'TOUT AUTRE NOM INDUSTRIE'"),
        ("exemple-inconnu", "is unknown to Sirene"),
    ],
)  # fmt: skip
def test_a_mismatch_is_reported_on_one_line_and_never_applied(
    site_with, api, capsys, slug, expected
):
    site = site_with(slug)
    assert site.verify() == 3
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(slug)]
    assert len(lines) == 1 and expected in lines[0] and "mismatch" in lines[0]
    assert site.unchanged()


def test_mismatches_do_not_block_the_confirmed_companies(site_with, api):
    site = site_with("exemple-actif", "exemple-cesse")
    assert site.verify() == 3
    assert SOURCE_ID in site.sources("exemple-actif")
    assert SOURCE_ID not in site.sources("exemple-cesse")


def test_429_waits_as_retry_after_asks_within_the_cap_then_confirms(site_with, api, capsys):
    site = site_with("exemple-limite")
    assert site.verify() == 0
    siren = CASES["exemple-limite"][2]
    assert api.queries == [siren, siren]
    assert "HTTP 429, waiting 0.01 s (Retry-After 30 s)" in capsys.readouterr().err
    assert SOURCE_ID in site.sources("exemple-limite")


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("exemple-panne", "HTTP 500 after 3 retries"),
        ("exemple-lent", "no complete answer within 0.5 s"),
        ("exemple-brouille", "answer is not JSON (content type text/html)"),
    ],
)
def test_network_faults_are_one_line_errors_and_change_nothing(
    site_with, api, capsys, slug, expected
):
    site = site_with(slug)
    assert site.verify() == 2
    faults = [line for line in capsys.readouterr().err.splitlines() if f": {slug}:" in line]
    assert faults == [f"verify_identities: {slug}: fault — {faults[0].split('— ', 1)[1]}"]
    assert expected in faults[0]
    assert site.unchanged()


def test_a_500_is_retried_before_it_counts_as_a_fault(site_with, api):
    site = site_with("exemple-panne")
    site.verify()
    assert api.queries == [CASES["exemple-panne"][2]] * 4


def test_a_company_without_siren_gets_candidates_and_none_is_chosen(site_with, api, capsys):
    site = site_with("exemple-sans-siren")
    assert site.verify() == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("exemple-sans-siren"))
    assert "no SIREN in the register" in line
    assert "EXEMPLE SANS SIREN (active, VILLE-FICTIVE)" in line
    assert "EXEMPLE SANS SIREN SERVICES (ceased, VILLE-FICTIVE)" in line
    assert site.unchanged()


def test_dry_run_shows_the_change_and_writes_nothing(site_with, api, capsys):
    site = site_with("exemple-actif")
    assert site.verify("--dry-run") == 0
    out = capsys.readouterr().out
    assert "exemple-actif" in out and "sources" in out and "Dry run: nothing was written." in out
    assert site.unchanged()


def test_names_agree_across_case_accents_legal_form_and_bracketed_acronym(site_with, api):
    site = site_with("exemple-limite")  # "Mutuelle Exemple Limitée" / "mutuelle … (mel)"
    assert site.verify() == 0


def test_requests_are_paced_under_the_published_limit():
    """With a clock that never moves, each request must wait its turn (1 / rate seconds)."""
    slept: list[float] = []
    with sirene_api({"x": [found(legal_unit("123456782", "X"))]}) as served:
        client = SireneClient(served.base_url, 1.0, clock=lambda: 100.0, sleep=slept.append)
        for _ in range(3):
            client.search("x")
    assert RATE_PER_SECOND < 7  # the documented maximum
    assert slept == pytest.approx([1 / RATE_PER_SECOND, 2 / RATE_PER_SECOND])


def test_a_client_error_is_not_retried():
    with sirene_api({"x": [status(400)]}) as served:
        client = SireneClient(served.base_url, 1.0, max_wait=0.01)
        with pytest.raises(SireneError, match="HTTP 400"):
            client.search("x")
        assert served.queries == ["x"]


def test_the_company_page_says_checked_in_sirene_instead_of_to_verify(site_with, api, make_app):
    site = site_with("exemple-actif", "exemple-cesse")
    assert site.verify() == 3
    accessed = site.sources("exemple-actif")[SOURCE_ID]["accessed"]
    client = make_app(INDEX_DIR=str(site.index_dir), TESTING=True, CLOCK=frozen_clock).test_client()
    checked = client.get("/entreprises/exemple-actif").get_data(as_text=True)
    flag = f'<span class="verified">(vérifié dans Sirene le <time datetime="{accessed}">'
    assert checked.count(flag) == 2  # legal name and SIREN
    assert "à vérifier" not in checked
    english = client.get("/entreprises/exemple-actif?lang=en").get_data(as_text=True)
    assert english.count(f'(checked in Sirene on <time datetime="{accessed}">') == 2
    unchecked = client.get("/entreprises/exemple-cesse").get_data(as_text=True)
    assert unchecked.count('<span class="to-verify">(à vérifier)</span>') == 2
    assert "vérifié dans Sirene" not in unchecked


def test_retry_after_as_an_http_date_is_understood_and_capped():
    later = "Fri, 01 Jan 2100 00:00:00 GMT"
    notices: list[str] = []
    answers = {"x": [status(503, {"Retry-After": later}), found(legal_unit("123456782", "X"))]}
    with sirene_api(answers) as served:
        client = SireneClient(served.base_url, 1.0, max_wait=0.01, notify=notices.append)
        assert [unit.siren for unit in client.search("x")] == ["123456782"]
    assert len(notices) == 1 and "HTTP 503, waiting 0.01 s (Retry-After " in notices[0]


def test_confirmations_on_an_invalid_register_are_refused_and_nothing_is_written(
    site_with, api, capsys
):
    site = site_with("exemple-actif")
    raw = json.loads(site.registry.read_text(encoding="utf-8"))
    raw["companies"][0]["changes"] = [
        {"date": "hier", "field": "name", "before": None, "after": "x", "source": "nulle-part"}
    ]
    site.registry.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    site.remember()
    assert site.verify() == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err and "'changes[1]'" in err and "not YYYY-MM-DD" in err
    assert site.unchanged()


@pytest.mark.parametrize("behaviour", [TRICKLE_HEADERS, TRICKLE_BODY])
def test_a_trickling_answer_is_cut_at_the_timeout_headers_and_body_alike(behaviour):
    """One byte every 50 ms never trips a per-read timeout; the overall deadline does."""
    with sirene_api({"x": [behaviour]}) as served:
        client = SireneClient(served.base_url, 0.5, max_wait=0.01)
        with pytest.raises(SireneError, match="no complete answer within 0.5 s"):
            client.search("x")
        sent = wait_for(lambda: served.trickled, "the hang-up")
    assert sent[0] < TRICKLE_BYTES, "the client hung up before the server finished"


def test_a_deeply_nested_answer_is_a_fault_not_a_crash():
    deep = ("reply", 200, {"Content-Type": "application/json"}, b"[" * 200_000 + b"]" * 200_000)
    with sirene_api({"x": [deep]}) as served:
        client = SireneClient(served.base_url, 5.0, max_wait=0.01)
        with pytest.raises(SireneError, match="nested too deeply"):
            client.search("x")


def test_sirene_text_reaches_the_terminal_escaped(site_with, monkeypatch, capsys):
    """A name that would clear the screen, return to the line start, fake a line and reverse
    the text after it prints as visible escapes, on the one line it belongs to."""
    hostile = "X\x1b[2K\rexemple-sans-siren: confirmed\u2028\x85\u202eNEIRIS"
    query = CASES["exemple-sans-siren"][0]
    with sirene_api({query: [found(legal_unit(siren_from(90_000_011), hostile))]}) as served:
        monkeypatch.setenv("VERIF_SIRENE_API_URL", served.base_url)
        assert site_with("exemple-sans-siren").verify() == 0
    out = capsys.readouterr().out
    assert not CONTROL_RE.search(out.replace("\n", ""))
    lines = [line for line in out.splitlines() if "exemple-sans-siren" in line]
    assert len(lines) == 1 and lines[0].startswith("exemple-sans-siren: candidates")
    assert "X\\x1b[2K\\x0dexemple-sans-siren: confirmed\\u2028\\x85\\u202eNEIRIS" in lines[0]
