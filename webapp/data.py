"""Access to the generation this process serves (register + index), for views."""

from __future__ import annotations

from flask import current_app

from search_index import Generation


def generation() -> Generation:
    return current_app.extensions["live_index"].current()
