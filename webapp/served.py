"""Access to the generation this process serves (register + index), and findings for views.

Views never decide a status: they ask here for register.find's answer on a day (today by
default, from the app's clock).
"""

from __future__ import annotations

import datetime as dt

from flask import current_app

from register import Company, Finding, find
from search_index import Generation
from webapp import clock


def generation() -> Generation:
    return current_app.extensions["live_index"].current()


def finding(company: Company, day: dt.date | None = None) -> Finding:
    return find(company, day or clock.today(), generation().register.label)
