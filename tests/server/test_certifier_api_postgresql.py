"""The web tier's certifier API tests, again on a real PostgreSQL server: MAIF certified,
expired, suspended, a revoked token refused and its writes marked, with the accounts, the audit
trail and the register versions in PostgreSQL."""

from __future__ import annotations

import pytest

from tests.web.test_certifier_api import *  # noqa: F403


@pytest.fixture
def database_url(postgres_database_url) -> str:
    return postgres_database_url
