"""The README documents every configuration key and every route (Datasette-style doc tests)."""

from __future__ import annotations

import re

from register.paths import PROJECT_ROOT
from webapp.config import DEFAULTS, ENV_PREFIX

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_configuration_key_is_documented():
    for key in DEFAULTS:
        assert f"`{key}`" in README and f"`{ENV_PREFIX}{key}`" in README, key


def test_every_route_is_documented(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        documented = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"<\1>", rule.rule)
        assert f"`{documented}" in README, rule.rule


def test_readme_quick_start_has_exactly_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)
