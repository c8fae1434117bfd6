"""Today, as an input: statuses change on dates without any import, so the day is passed in.

Production reads the date in Paris (a French label, French readers); tests pass a frozen or
moving clock as the `CLOCK` override of create_app, and every view asks this module, never
`date.today()`, so one clock moves pages, API, badge and card together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from flask import Flask, current_app

PARIS = ZoneInfo("Europe/Paris")


def paris_today() -> dt.date:
    return dt.datetime.now(PARIS).date()


def init_app(app: Flask) -> None:
    clock: Callable[[], dt.date] = app.config.get("CLOCK") or paris_today
    app.extensions["clock"] = clock


def today() -> dt.date:
    return current_app.extensions["clock"]()
