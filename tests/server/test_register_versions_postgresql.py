"""The unit tier's register versions tests, again on a real PostgreSQL server (see
test_reports_store_postgresql.py: the same tests, `database_url` naming a fresh database)."""

from __future__ import annotations

import pytest

from tests.unit.test_register_versions import *  # noqa: F403


@pytest.fixture
def database_url(postgres_database_url) -> str:
    return postgres_database_url
