"""The documentation keeps up with the code (Datasette-style doc tests).

The README is the five-minute overview (configuration, routes in brief); `docs/` holds the rest.
"""

from __future__ import annotations

import re

import pytest

from register.paths import PROJECT_ROOT
from webapp.config import DEFAULTS, ENV_PREFIX

README_PATH = PROJECT_ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
README_MAX_LINES = 200
DOC_PATHS = [
    README_PATH,
    *sorted((PROJECT_ROOT / "docs").glob("*.md")),
    PROJECT_ROOT / "deploy" / "README.md",
]
DOCS = "\n".join(path.read_text(encoding="utf-8") for path in DOC_PATHS[1:])

# What counts as a project path in a backticked span. A span is a path when it is one token
# (no whitespace) that is not a route (starts with "/"), not a URL ("://"), not a pattern or
# placeholder (contains <, *, …, {, $, = or ?), and either
#   - contains "/" and ends with "/" or with a file extension below (`webapp/clock.py`, `deploy/`),
#     or starts with a top-level entry of the project (`.ci/run`), or
#   - is a bare file name with an extension below (`pyproject.toml`): it must exist somewhere.
# So media types (`text/csv`, `application/problem+json`) and option values are not paths.
# Paths under `var/` and `.venv/` (made by make) and `data/registry/history/` (made by the first
# import) are created at run time, so they are not checked.
# `python -m package.module` names a module: it must resolve to a file or package of the project.
EXTENSIONS = (
    "py", "md", "json", "csv", "toml", "txt", "html", "css", "js", "sh", "po", "pot", "cfg",
    "service", "timer", "cron", "conf", "template", "svg", "lock", "ini", "yml", "yaml", "xml",
)  # fmt: skip
RUNTIME_DIRS = ("var/", ".venv/", "data/registry/history/")
_NOT_A_PATH = re.compile(r"\s|://|[<*…{$=?]")
_HAS_EXTENSION = re.compile(r"[\w-][\w.-]*\.(?:" + "|".join(EXTENSIONS) + r")/?$")
_MODULE = re.compile(r"python -m ([\w.]+)")
_RELATIVE_LINK = re.compile(r"\]\((?!https?://|#|mailto:)([^)#\s]+)")


def test_every_configuration_key_is_documented():
    for key in DEFAULTS:
        assert f"`{key}`" in README and f"`{ENV_PREFIX}{key}`" in README, key


@pytest.mark.parametrize("text", [README, DOCS], ids=["README", "docs"])
def test_every_route_is_documented(app, text):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        documented = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"<\1>", rule.rule)
        assert f"`{documented}" in text, rule.rule


def test_readme_quick_start_has_exactly_the_two_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick_start, flags=re.MULTILINE)
    assert commands == ["make run", "make test"]


def test_readme_reads_in_five_minutes():
    assert len(README.splitlines()) <= README_MAX_LINES


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)


def _is_path(span: str, top_level: set[str]) -> bool:
    if span.startswith("/") or _NOT_A_PATH.search(span):
        return False
    if "/" in span:
        return (
            span.endswith("/")
            or bool(_HAS_EXTENSION.search(span))
            or (span.split("/", 1)[0] in top_level)
        )
    return bool(_HAS_EXTENSION.fullmatch(span))


def _exists(span: str) -> bool:
    if span.startswith(RUNTIME_DIRS):
        return True
    if "/" in span:
        return (PROJECT_ROOT / span).exists()
    return any(PROJECT_ROOT.glob(f"[!.]*/**/{span}")) or (PROJECT_ROOT / span).exists()


def _module_exists(module: str) -> bool:
    if module.split(".", 1)[0] not in {entry.name for entry in PROJECT_ROOT.iterdir()}:
        return True  # an installed tool (pytest, pip), not a project module
    path = PROJECT_ROOT / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


@pytest.mark.parametrize("doc", DOC_PATHS, ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_every_path_the_documentation_names_exists(doc):
    text = doc.read_text(encoding="utf-8")
    top_level = {entry.name for entry in PROJECT_ROOT.iterdir()}
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.DOTALL))
    missing = [s for s in spans if _is_path(s, top_level) and not _exists(s)]
    missing += [m for m in _MODULE.findall(text) if not _module_exists(m)]
    missing += [link for link in _RELATIVE_LINK.findall(text) if not (doc.parent / link).exists()]
    assert missing == []


def test_the_api_page_lists_the_csv_columns_and_its_examples_return_data(client):
    page = client.get("/api").get_data(as_text=True)
    listed = re.search(r"<br>[^<]*((?:<code>\w+</code>(?:, )?)+)\.</dd>", page).group(1)
    header = client.get("/registre.csv").get_data(as_text=True).lstrip("\ufeff").split("\r\n")[0]
    assert re.findall(r"<code>(\w+)</code>", listed) == header.split(";")
    examples = re.search(r"<h2>Exemples</h2>\s*<pre><code>(.*?)</code></pre>", page, re.S)
    for line in examples.group(1).splitlines():
        path = line.removeprefix("curl http://localhost").replace("&amp;", "&")
        answer = client.get(path).get_json()
        assert answer, path
        assert answer.get("companies", answer.get("results", [answer])), path
