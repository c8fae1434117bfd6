"""Shared fixtures: real indexes built from real register files, a fresh app per test."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from search_index import SearchIndex, build_index
from search_index.paths import DEFAULT_REGISTRY_PATH
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


@pytest.fixture
def app(bundled_index_dir):
    """Rate limits off: tests that exercise them build their own app with a small budget."""
    return create_app(
        {"INDEX_DIR": str(bundled_index_dir), "TESTING": True, "RATELIMIT_ENABLED": False}
    )


@pytest.fixture
def client(app):
    return app.test_client()


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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The Procfile's gunicorn on a free port, serving the bundled register."""
    from tests.servers import procfile_server

    with procfile_server(tmp_path_factory.mktemp("live-index")) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser import chromium_missing_reason, launch

    reason = chromium_missing_reason()
    if reason:
        pytest.fail(reason)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open tabs in fresh contexts (viewport, locale, JavaScript…); all closed after the test.

    Visitors are French unless a test says otherwise: Chromium would send en-US.
    """
    contexts = []

    def open_(**context_options):
        context = browser.new_context(**{"locale": "fr-FR", **context_options})
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture(scope="session")
def dated_index_dir(tmp_path_factory) -> Path:
    """An index of the fictional fixture register whose history events have dates."""
    root = tmp_path_factory.mktemp("dated-index")
    build_index(Path(__file__).parent / "fixtures" / "register-dated-history.json", root)
    return root


@pytest.fixture
def dated_client(dated_index_dir):
    return create_app({"INDEX_DIR": str(dated_index_dir), "TESTING": True}).test_client()
