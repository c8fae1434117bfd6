"""Dates as readers write them: one helper for every page, history, feed, guide and citation.

French writes the first of the month as an ordinal ("1er janvier 2021", never "1 janvier").
English is written day-month-year ("1 December 2020"): nginx keys its cache by language
only (webapp.language), so a body cannot depend on the reader's region, and day-month-year
is the English form no reader misreads (a numeric "11/30/26" is what en-GB readers
complained of). Bounds a person reads ("en mai 2026", "en 2021-2022") come from
`month_year` and `years`; the exact inferred day stays in the sources and the API.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import format_date, get_locale


def _french() -> bool:
    return str(get_locale()) == "fr"


def long_date(day: dt.date) -> str:
    """'1er janvier 2021', '20 mai 2022'; '1 January 2021', '20 May 2022'."""
    if _french():
        text = format_date(day, format="d MMMM y")
        return "1er" + text[1:] if day.day == 1 else text
    return format_date(day, format="d MMMM y")


def month_year(day: dt.date) -> str:
    """'mai 2026', 'May 2026': the month a bound falls in, when its day was inferred."""
    return format_date(day, format="MMMM y")


def years(first: int, last: int) -> str:
    """'2021-2022' or '2022': the years a fact was reported in."""
    return str(first) if first == last else f"{first}-{last}"
