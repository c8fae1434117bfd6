"""The unit tier's certifier accounts tests, again on a real PostgreSQL server (see
test_reports_store_postgresql.py: the same tests, `database_url` naming a fresh database)."""

from __future__ import annotations

import pytest

from tests.unit.test_certifier_accounts import *  # noqa: F403


@pytest.fixture
def database_url(postgres_database_url) -> str:
    return postgres_database_url
