"""A deployment's register file and its live index, in a temporary directory.

The import, identity-check and scheduled-import tests all change a register through the real
command lines and then ask whether anything changed; they share this one picture of a site.
"""

from __future__ import annotations

import json
from pathlib import Path

from search_index import build_index, current_generation


class Site:
    def __init__(self, root: Path, raw: dict):
        self.registry = root / "registry" / "register.json"
        self.registry.parent.mkdir(parents=True)
        self.registry.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")
        self.index_dir = root / "index"
        build_index(self.registry, self.index_dir)
        self.remember()

    def remember(self) -> None:
        """What `unchanged` compares against from now on."""
        self.original = self.registry.read_bytes()
        self.generation = current_generation(self.index_dir)

    def paths(self) -> list[str]:
        """The command-line options that point a command at this site."""
        return ["--registry", str(self.registry), "--index-dir", str(self.index_dir)]

    def unchanged(self) -> bool:
        return (
            self.registry.read_bytes() == self.original
            and current_generation(self.index_dir) == self.generation
        )

    def company(self, slug: str) -> dict:
        raw = json.loads(self.registry.read_text(encoding="utf-8"))
        return next(c for c in raw["companies"] if c["slug"] == slug)
