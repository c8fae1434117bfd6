"""A short mixed run (the 30-second one is `make bench`): SQLite under three real workers."""

from __future__ import annotations

import pytest

from bench.reports_load import mixed, site_env
from reports.database import Database
from reports.store import list_reports
from tests.support.servers import procfile_server

pytestmark = pytest.mark.server

SECONDS = 3


def test_reads_and_report_posts_together_lose_nothing_on_sqlite(tmp_path):
    database = tmp_path / "reports.sqlite3"
    index_dir = tmp_path / "index"
    env = {**site_env(database), "WEB_CONCURRENCY": "3"}
    with procfile_server(index_dir, env) as base_url:
        log = next(tmp_path.glob("gunicorn-*.log"))
        result = mixed(base_url, SECONDS, readers=3, posters=3, log=log)
    print(f"\nmixed {SECONDS} s, 3 workers: {result}")
    assert result["reads"]["failed"] == 0 and result["reads"]["count"] > 0
    assert result["posts"]["failed"] == 0 and result["posts"]["count"] > 0
    assert result["database_locked_log_lines"] == 0
    stored = list_reports(Database(f"sqlite:///{database}"))
    assert len(stored) == result["posts"]["statuses"]["303"], "every 303 is a stored report"
