"""Abuse limits: one budget per client on search and API, a readable 429, configurable."""

from __future__ import annotations

import pytest

BUDGET = 3


@pytest.fixture
def limited_app(make_app):
    return make_app(RATELIMIT_ENABLED=True, RATELIMIT_SEARCH=f"{BUDGET} per minute")


def spend(client, url: str, times: int, **kwargs) -> list[int]:
    return [client.get(url, **kwargs).status_code for _ in range(times)]


def test_api_answers_429_problem_with_retry_after_once_budget_is_spent(limited_app):
    client = limited_app.test_client()
    assert spend(client, "/api/v1/search?q=edf", BUDGET) == [200] * BUDGET
    refused = client.get("/api/v1/search?q=edf")
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["status"] == 429
    assert "Patientez" in refused.get_json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert refused.headers["Cache-Control"] == "no-store"


def test_search_page_and_api_share_one_budget_and_429_is_a_readable_page(limited_app):
    client = limited_app.test_client()
    spend(client, "/api/v1/search?q=maif", BUDGET)
    refused = client.get("/recherche?q=maif")
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "Trop de requêtes" in page and 'name="q"' in page
    assert int(refused.headers["Retry-After"]) >= 1


def test_pages_health_and_static_files_are_never_limited(limited_app):
    client = limited_app.test_client()
    spend(client, "/recherche?q=edf", BUDGET + 1)
    for url in ("/healthz", "/static/site.css", "/", "/entreprises/edf", "/label"):
        assert spend(client, url, BUDGET * 3) == [200] * (BUDGET * 3), url


def test_each_client_address_has_its_own_budget(limited_app):
    client = limited_app.test_client()
    first = {"environ_base": {"REMOTE_ADDR": "192.0.2.1"}}
    second = {"environ_base": {"REMOTE_ADDR": "192.0.2.2"}}
    assert spend(client, "/api/v1/search?q=edf", BUDGET + 1, **first)[-1] == 429
    assert spend(client, "/api/v1/search?q=edf", BUDGET, **second) == [200] * BUDGET


def test_forwarded_client_addresses_count_only_behind_a_trusted_proxy(make_app):
    def refused_for_new_client(trusted: str) -> bool:
        app = make_app(
            RATELIMIT_ENABLED=True, RATELIMIT_SEARCH=f"{BUDGET} per minute", TRUSTED_PROXIES=trusted
        )
        client = app.test_client()
        for n in range(BUDGET):
            client.get("/api/v1/search?q=edf", headers={"X-Forwarded-For": f"198.51.100.{n}"})
        late = client.get("/api/v1/search?q=edf", headers={"X-Forwarded-For": "198.51.100.99"})
        return late.status_code == 429

    assert refused_for_new_client(trusted=""), "a spoofed header must not buy a fresh budget"
    assert refused_for_new_client(trusted="192.0.2.0/24"), "only from the proxy's address"
    assert not refused_for_new_client(trusted="127.0.0.1"), "behind a proxy each client counts"


def test_limits_can_be_raised_or_turned_off_by_configuration(make_app):
    for config in ({"RATELIMIT_SEARCH": "1000 per second"}, {"RATELIMIT_ENABLED": False}):
        app = make_app(**{"RATELIMIT_ENABLED": True, **config})
        client = app.test_client()
        assert set(spend(client, "/api/v1/search?q=edf", 50)) == {200}, config


def test_environment_turns_limits_off_with_a_word(monkeypatch):
    from webapp.config import load_config

    monkeypatch.setenv("VERIF_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("VERIF_RATELIMIT_SEARCH", "5 per second")
    config = load_config()
    assert config["RATELIMIT_ENABLED"] is False
    assert config["RATELIMIT_SEARCH"] == "5 per second"
