"""Web tier: the real app through Flask's test client, on real indexes."""

from __future__ import annotations

import pytest


@pytest.fixture
def app(make_app):
    return make_app(TESTING=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def dated_client(make_app, dated_index_dir):
    return make_app(
        INDEX_DIR=str(dated_index_dir), TESTING=True, RATELIMIT_ENABLED=True
    ).test_client()
