"""The install step register.publishing.publish runs under its lock: the live index first.

register/ never imports Whoosh, so each writer hands `publish` this step: update (or build) a
generation from the staged register, verify it and switch to it. A failed build raises
InstallFailed and leaves the previous generation live (and the register file untouched).
"""

from __future__ import annotations

from pathlib import Path

from register.publishing import Installer, InstallFailed, Staged
from search_index.build import BuildError
from search_index.incremental import update_index


def index_installer(index_dir: Path) -> Installer:
    """The install step for the index generations kept in `index_dir`."""

    def install(staged: Staged) -> str:
        try:
            return update_index(staged, index_dir)
        except BuildError as exc:
            raise InstallFailed(f"index build failed: {exc}") from exc

    return install
