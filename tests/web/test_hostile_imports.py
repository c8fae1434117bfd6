"""Hostile register files: one readable line per problem, exit 1, nothing changed.

Also the download deadline: `--timeout` bounds the whole download, not each read.
"""

from __future__ import annotations

import copy
import json

import pytest

from register.csv_format import register_to_csv
from register.untrusted import CONTROL_RE
from tests.support.servers import wait_for
from tests.support.tls_server import TRICKLE_BYTES, https_register_host
from tests.web.test_import_registry import Site


@pytest.fixture
def site(tmp_path, bundled_register_raw) -> Site:
    return Site(tmp_path / "site", bundled_register_raw)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def edited(raw: dict, edit) -> dict:
    raw = copy.deepcopy(raw)
    edit(raw["companies"])
    return raw


def set_path(*path, value):
    def edit(companies):
        target = companies[0]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


HOSTILE_JSON = {
    "deep nesting (parser)": (
        lambda raw: '{"companies": ' + nested(200_000) + "}",
        "nested too deeply",
    ),
    "deep nesting (in a field)": (
        lambda raw: json.dumps(edited(raw, set_path("note", value=json.loads(nested(40))))),
        "nested more than 12 levels deep",
    ),
    "a list where the source id goes": (
        lambda raw: json.dumps(edited(raw, set_path("history", 0, "sources", value=[["x"]]))),
        "field 'history[1].sources'",
    ),
    "an object where a name goes": (
        lambda raw: json.dumps(edited(raw, set_path("name", value={"fr": "x"}))),
        "field 'name': must be a non-empty string",
    ),
    "a number as a note": (
        lambda raw: json.dumps(edited(raw, set_path("sources", 0, "note", value=3))),
        "field 'sources[1].note'",
    ),
    "NaN": (
        lambda raw: json.dumps(edited(raw, set_path("note", value=float("nan")))),
        "NaN is not a JSON number",
    ),
    "Infinity": (
        lambda raw: json.dumps(edited(raw, set_path("scope", value=float("inf")))),
        "Infinity is not a JSON number",
    ),
    "terminal escapes in a name": (
        lambda raw: json.dumps(edited(raw, set_path("name", value="\x1b[2J\x1b[31mMAIF"))),
        "has a control character",
    ),
    "terminal escapes in a slug": (
        lambda raw: json.dumps(edited(raw, set_path("slug", value="maif\x9b31m"))),
        "maif\\x9b31m",
    ),
    "a right-to-left override in a name": (
        lambda raw: json.dumps(edited(raw, set_path("name", value="Good \u202eliaf\u202c Shop"))),
        "Good \\\\u202eliaf\\\\u202c Shop' has a control character",
    ),
    "a bidi isolate in a source title": (
        lambda raw: json.dumps(edited(raw, set_path("sources", 0, "title", value="\u2067x\u2069"))),
        "has a control character",
    ),
}


def assert_refused(site: Site, capsys, path, expected: str) -> None:
    assert site.run(path) == 1
    error = capsys.readouterr().err
    header, *problems = error.strip().splitlines()
    assert header.endswith(f"{len(problems)} error(s); nothing was changed:"), error
    assert any(expected in line for line in problems), error
    assert "Traceback" not in error and not CONTROL_RE.search(error.replace("\n", "")), error
    assert site.unchanged()


@pytest.mark.parametrize("name", HOSTILE_JSON)
def test_hostile_json_is_refused_line_by_line(site, tmp_path, bundled_register_raw, capsys, name):
    make, expected = HOSTILE_JSON[name]
    path = tmp_path / "hostile.json"
    path.write_text(make(bundled_register_raw), encoding="utf-8")
    assert_refused(site, capsys, path, expected)


def test_a_csv_cell_over_the_csv_limit_is_refused_with_its_line(
    site, tmp_path, bundled_register_raw, capsys
):
    raw = edited(bundled_register_raw, set_path("note", value="x" * 200_000))
    path = tmp_path / "huge.csv"
    path.write_text(register_to_csv(raw), encoding="utf-8")
    assert_refused(site, capsys, path, "line 2: unreadable CSV (field larger than field limit")


def test_nan_inside_a_csv_json_cell_is_refused(site, tmp_path, bundled_register_raw, capsys):
    text = register_to_csv(bundled_register_raw).replace('""date"": ', '""date"": NaN, ""x"": ', 1)
    path = tmp_path / "nan.csv"
    path.write_text(text, encoding="utf-8")
    assert_refused(site, capsys, path, "invalid JSON (NaN is not a JSON number)")


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_the_whole_download_is_bounded_by_the_timeout(site, tmp_path, monkeypatch, capsys, path):
    """A byte now and then, in the body or in the headers, never resets the deadline."""
    seen: list = []
    with https_register_host(tmp_path, {}, seen) as (base_url, ca_file):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
        assert site.run(base_url + path, "--timeout", "0.5") == 2
        error = capsys.readouterr().err.strip()
        sent = wait_for(lambda: [s for seen_path, s, _ in seen if seen_path == path], "hang-up")
    assert "no complete answer within 0.5 s" in error and "\n" not in error
    assert sent[0] < TRICKLE_BYTES, "the import hung up before the server finished"
    assert site.unchanged()
