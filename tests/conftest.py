"""Shared fixtures: real indexes built from real register files, a fresh app per test."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from register.paths import DEFAULT_REGISTRY_PATH
from reports.database import Database
from search_index import SearchIndex, build_index
from webapp import create_app


@pytest.fixture(scope="session")
def bundled_register_raw() -> dict:
    return json.loads(Path(DEFAULT_REGISTRY_PATH).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bundled_index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("index")
    build_index(DEFAULT_REGISTRY_PATH, root)
    return root


@pytest.fixture(scope="session")
def bundled_index(bundled_index_dir) -> SearchIndex:
    name = (bundled_index_dir / "CURRENT").read_text().strip()
    return SearchIndex(bundled_index_dir / name)


@pytest.fixture(scope="session")
def make_app(bundled_index_dir, tmp_path_factory):
    """Build an app on the bundled index; keyword arguments override configuration keys.

    Rate limits are off unless a test turns them on, so only the tests about limits meet them.
    Reports go to a temporary SQLite file and forms are signed with a test key: no test
    writes the project's var/.
    """
    reports_dir = tmp_path_factory.mktemp("reports")

    def make(**overrides):
        return create_app(
            {
                "INDEX_DIR": str(bundled_index_dir),
                "RATELIMIT_ENABLED": False,
                "DATABASE_URL": f"sqlite:///{reports_dir / 'reports.sqlite3'}",
                "SECRET_KEY": "test-secret",
                **overrides,
            }
        )

    return make


@pytest.fixture
def write_register(tmp_path, bundled_register_raw):
    """Write a register file derived from the bundled one; `edit` mutates the raw dict."""

    def write(edit=None, name: str = "register.json") -> Path:
        raw = copy.deepcopy(bundled_register_raw)
        if edit:
            edit(raw)
        path = tmp_path / name
        path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def writing_app(make_app, write_register, tmp_path, database_url):
    """An app that writes a copy of the bundled register (moderation, certifiers' API), its
    reports in `database_url`, its day and its reports' clock at `now`: `writing_app(now,
    **config)` → (app, register path). The database is let go when the test ends, so the
    PostgreSQL runs of the same tests (tests/server/*_postgresql.py) can drop theirs."""
    apps = []

    def make(now: dt.datetime, **config):
        registry = write_register()
        settings = {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "REGISTRY_PATH": str(registry),
            "INDEX_DIR": str(tmp_path / "index"),
            "GENERATION_CHECK_SECONDS": 0.0,
            "CLOCK": lambda: now.date(),
        }
        app = make_app(**{**settings, **config})
        app.extensions["reports_clock"] = lambda: now
        apps.append(app)
        return app, registry

    yield make
    for app in apps:
        app.extensions["reports_db"].dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The Procfile's gunicorn on a free port, serving the bundled register."""
    from tests.support.servers import procfile_server

    with procfile_server(tmp_path_factory.mktemp("live-index")) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def dated_index_dir(tmp_path_factory) -> Path:
    """An index of the fictional fixture register whose history events have dates."""
    root = tmp_path_factory.mktemp("dated-index")
    build_index(
        Path(__file__).parent / "support" / "fixtures" / "register-dated-history.json", root
    )
    return root


@pytest.fixture
def database_url(tmp_path) -> str:
    """Storage tests run on an SQLite file here; the server tier runs them again on PostgreSQL
    (`tests/server/test_reports_*_postgresql.py` override this fixture)."""
    return f"sqlite:///{tmp_path / 'reports.sqlite3'}"


@pytest.fixture
def db(database_url):
    """The reports database at `database_url`, migrated on first use, let go after the test."""
    database = Database(database_url)
    yield database
    database.dispose()
