"""The rooms keep to their walls (CONVENTIONS.md): Whoosh lives in search_index/ only, and the
register and the index know nothing about Flask. Read from the source's imports, so a new
module that crosses a wall fails here before review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("register", "reports", "search_index", "webapp", "scripts", "bench")
# Tests may read Whoosh itself as an oracle (tests/unit/test_search_tables.py); product code
# may not.
WALLS = {
    "whoosh": ("search_index",),
    "flask": ("webapp", "bench"),  # bench/hello_app.py: the bare-Flask baseline
    "flask_babel": ("webapp",),
}
NO_FLASK = ("register", "search_index", "reports")


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def product_modules() -> list[Path]:
    return sorted(path for room in PRODUCT for path in (ROOT / room).rglob("*.py"))


def test_every_product_room_is_read():
    rooms = {path.relative_to(ROOT).parts[0] for path in product_modules()}
    assert rooms == set(PRODUCT)


@pytest.mark.parametrize("package", sorted(WALLS))
def test_a_library_is_imported_only_in_its_room(package):
    allowed = WALLS[package]
    outside = [
        str(path.relative_to(ROOT))
        for path in product_modules()
        if package in imported_packages(path) and path.relative_to(ROOT).parts[0] not in allowed
    ]
    assert outside == [], f"{package} imported outside {allowed}"


def test_the_register_the_index_and_the_reports_know_nothing_of_flask():
    crossing = [
        str(path.relative_to(ROOT))
        for room in NO_FLASK
        for path in (ROOT / room).rglob("*.py")
        if {"flask", "flask_babel"} & imported_packages(path)
    ]
    assert crossing == []
