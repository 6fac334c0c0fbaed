"""Resolve stage, dates: a statement's date from the sentence's time expression and the article's date."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from kg.knowledge import lexicon
from kg.records import Modality

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTHS = frozenset(name.lower() for name in (*calendar.month_name, *calendar.month_abbr) if name) | {"sept"}
_WEEKDAYS = {name.lower(): number for names in (calendar.day_name, calendar.day_abbr)
             for number, name in enumerate(names)}
# A stated day without a year ("on January 20") lies ahead when the event is planned or intended.
_FUTURE_MODALITIES = {Modality.PLANNED, Modality.INTENDED}


def anchored(text: str) -> bool:
    """A point in the calendar ("December 17", "last week", "in 2019"), not a duration ("30 years")."""
    words = _words(text)
    return bool(_YEAR.search(text) or words & (_MONTHS | _WEEKDAYS.keys() | lexicon().date_deixis))


def _words(text: str) -> set[str]:
    return {word.strip(".,").lower() for word in text.split()}


def _weekday(text: str, base: date, future: bool) -> date | None:
    """A bare weekday is the one of the article's week: "on Friday" in Friday's paper is that day
    (dateparser would go back a week), "last Friday" the one before it."""
    words = _words(text)
    days = {_WEEKDAYS[word] for word in words if word in _WEEKDAYS}
    if len(days) != 1 or words & _MONTHS or any(ch.isdigit() for ch in text):
        return None
    target = days.pop()
    shift = (target - base.weekday()) % 7 if future else -((base.weekday() - target) % 7)
    if shift == 0 and words & {"last", "next"}:
        shift = 7 if "next" in words else -7
    return base + timedelta(days=shift)


@lru_cache(maxsize=256)
def _parser(base: date | None, prefer: str) -> DateDataParser:
    settings: dict[str, str | datetime] = {"PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a sentence's statements share its time expression, and dateparser is slow
def statement_date(date_text: str, article_date: str, modality: Modality = Modality.ASSERTED) -> str:
    """ISO date of the event. A month or a year alone dates it to the first day of that period.
    Without an article date only expressions that state their year are used."""
    base = _iso(article_date)
    if not date_text or not anchored(date_text) or (base is None and not _YEAR.search(date_text)):
        return article_date
    future = modality in _FUTURE_MODALITIES or bool(_words(date_text) & {"next", "coming"})
    if base is not None and (weekday := _weekday(date_text, base, future)) is not None:
        return weekday.isoformat()
    parsed = _parser(base, "future" if future else "past").get_date_data(date_text)
    if parsed.date_obj is None:
        return article_date
    day = parsed.date_obj.date()
    if parsed.period == "year":
        day = day.replace(month=1, day=1)
    elif parsed.period == "month":
        day = day.replace(day=1)
    return day.isoformat()
