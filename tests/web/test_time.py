"""Time is an input: one moving clock crosses a transition and every surface changes with it,
validators included, with no import and no restart."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.conftest import MovingClock


@pytest.fixture
def clock():
    return MovingClock(dt.date(2024, 11, 30))


@pytest.fixture
def moving_client(make_app, clock):
    return make_app(CLOCK=clock).test_client()


def surfaces(client) -> dict[str, tuple[str, str]]:
    """Each surface's body and validator for MAIF."""
    paths = {
        "page": "/entreprises/maif",
        "api": "/api/v1/companies/maif",
        "twin": "/entreprises/maif.json",
        "badge": "/badge/maif.svg",
        "card": "/embed/maif",
        "search": "/api/v1/search?q=maif",
        "home": "/",
        "csv": "/registre.csv",
    }
    answers = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        answers[name] = (response.get_data(as_text=True), response.headers["ETag"])
    return answers


def test_the_end_of_the_certain_window_changes_every_surface_together(moving_client, clock):
    before = surfaces(moving_client)
    assert '"status": "reported"' in before["api"][0].replace('":"', '": "')
    assert "Certification signalée par la presse" in before["page"][0]
    assert ">signalée par la presse<" in before["badge"][0]
    assert "Certification signalée par la presse" in before["card"][0]

    clock.day = dt.date(2024, 12, 1)  # the earliest possible end of the reported term
    after = surfaces(moving_client)
    assert moving_client.get("/api/v1/companies/maif").get_json()["status"] == "unconfirmed"
    assert moving_client.get("/api/v1/search?q=maif").get_json()["verdict"]["status"] == (
        "unconfirmed"
    )
    assert (
        "Non confirmée" in after["page"][0]
        and "Certification signalée par la presse<" not in (after["page"][0])
    )
    assert ">non confirmée<" in after["badge"][0]
    assert "Non confirmée" in after["card"][0]
    assert ";2024-12-01;unconfirmed;Non confirmée;press;" in after["csv"][0]
    for name in before:
        assert before[name][0] != after[name][0], name
        assert before[name][1] != after[name][1], f"{name}: a validator must not outlive a status"


def test_a_cached_validator_from_yesterday_gets_the_new_status(moving_client, clock):
    for path in ("/entreprises/maif", "/badge/maif.svg", "/embed/maif", "/api/v1/companies"):
        clock.day = dt.date(2024, 11, 30)
        etag = moving_client.get(path).headers["ETag"]
        assert moving_client.get(path, headers={"If-None-Match": etag}).status_code == 304
        clock.day = dt.date(2024, 12, 1)
        assert moving_client.get(path, headers={"If-None-Match": etag}).status_code == 200, path


def test_the_feed_gains_the_term_end_entry_on_its_day(moving_client, clock):
    clock.day = dt.date(2026, 5, 19)
    etag = moving_client.get("/flux.atom").headers["ETag"]
    assert "/term_end" not in moving_client.get("/flux.atom").get_data(as_text=True)
    clock.day = dt.date(2026, 5, 20)
    response = moving_client.get("/flux.atom", headers={"If-None-Match": etag})
    assert response.status_code == 200 and "/term_end" in response.get_data(as_text=True)


def test_last_modified_moves_to_the_derived_transition(make_app):
    client = make_app(CLOCK=lambda: dt.date(2026, 6, 1)).test_client()
    # Before the register's review (2026-11-29) nothing in the data is newer than the term's end.
    modified = client.get("/registre.csv").headers["Last-Modified"]
    assert modified == "Wed, 20 May 2026 00:00:00 GMT"


@pytest.mark.parametrize("path", ["/badge/maif.svg", "/embed/maif"])
def test_embeds_are_not_served_stale_across_a_transition(moving_client, clock, path):
    """On the eve of 2024-12-01 a copy served stale for a day would show yesterday's status."""
    clock.day = dt.date(2023, 6, 1)
    far = moving_client.get(path).headers["Cache-Control"]
    assert "stale-while-revalidate=86400" in far, far
    for eve in (dt.date(2024, 11, 29), dt.date(2024, 11, 30)):
        clock.day = eve
        near = moving_client.get(path).headers["Cache-Control"]
        assert "stale-while-revalidate" not in near and "max-age=60" in near, (eve, near)
    clock.day = dt.date(2024, 12, 1)  # the next possible change is the term's end, in 2026
    assert "stale-while-revalidate=86400" in moving_client.get(path).headers["Cache-Control"]
