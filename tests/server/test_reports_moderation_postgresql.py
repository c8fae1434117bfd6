"""The web tier's moderation tests, again on a real PostgreSQL server.

`make test-fast` runs them on SQLite, the default, and starts no server; here the same tests
run with `database_url` naming a fresh PostgreSQL database, so moderation holds on both
databases without a second copy of the tests (new tests there are picked up here too).
"""

from __future__ import annotations

import pytest

from tests.web.test_reports_moderation import *  # noqa: F403


@pytest.fixture
def database_url(postgres_database_url) -> str:
    return postgres_database_url
