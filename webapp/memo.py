"""Bounded least-recently-used caches for answers that do not depend on the request itself.

A key names everything its value depends on (the index generation, the day, the language …),
so an entry never goes stale: a new generation or a new day makes new keys, and the old
entries age out of the bound. One per kind of answer, shared by the worker's greenlets (a
lookup and an insertion never yield, so no lock is needed).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from flask import Flask, current_app

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
# Entries kept per worker: a finding is a few kB, a search answer one or two, a page 5 to 30, a
# badge 2 to 4, a social image (a PNG) tens of kB.
SIZES = {"findings": 1024, "search_api": 1024, "pages": 512, "badges": 4096, "social": 256}


class Memo(Generic[K, V]):
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for `key`, else `make()`'s, kept (evicting the least recently used)."""
        try:
            self._items.move_to_end(key)
            return self._items[key]
        except KeyError:
            value = self._items[key] = make()
            if len(self._items) > self.size:
                self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._items)


def init_app(app: Flask) -> None:
    """Each app its own memos, so a fresh app (a test, a restarted worker) starts empty."""
    app.extensions["memos"] = {name: Memo(size) for name, size in SIZES.items()}


def memo(name: str) -> Memo[Any, Any]:
    return current_app.extensions["memos"][name]
