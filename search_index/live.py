"""The generation a process serves, switched when the pointer file names a new one.

Each worker checks the pointer at most once per `check_interval` seconds and never
builds anything itself: building happens out of band (start-up or import script).
A new generation that follows the one served is opened from it, at the cost of what
changed (search_index.opening). If the new generation cannot be opened, the worker keeps
serving the old one.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from register import RegisterError
from search_index.build import current_generation
from search_index.opening import Generation, open_generation

log = logging.getLogger(__name__)


class LiveIndex:
    def __init__(self, index_root: str | Path, check_interval: float = 1.0):
        self.index_root = Path(index_root)
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._generation: Generation | None = None
        self._checked_at = float("-inf")

    def current(self) -> Generation:
        now = time.monotonic()
        if self._generation is None or now - self._checked_at >= self.check_interval:
            with self._lock:
                self._checked_at = now
                self._refresh()
        if self._generation is None:
            raise LookupError(f"no index generation under {self.index_root}")
        return self._generation

    def _refresh(self) -> None:
        name = current_generation(self.index_root)
        if name is None or (self._generation and self._generation.name == name):
            return
        try:
            generation = open_generation(self.index_root, name, self._generation)
        except (OSError, RegisterError, ValueError) as exc:
            log.error("cannot open generation %s, keeping %s: %s", name, self._generation, exc)
            return
        self._generation = generation
        log.info("serving index generation %s", name)
