"""Strict day-first dates: ``dd/mm/yyyy`` (also ``d/m/yyyy``) and ISO ``yyyy-mm-dd``.

Never ``dateutil.parser(dayfirst=True)``: it reads ISO ``2025-02-03`` as 2 March.

Every date a user gives lies in :data:`YEARS`, and every span computed from one (a horizon, a
reminder's lead time) goes through :func:`plus_days` / :func:`plus_years`, which refuse to
leave it: Python's dates end on 31/12/9999, and a traceback is no answer to a typo.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from .registry.errors import InputError, Problem
from .wording import Message, quote, say

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # UTC+7, no daylight saving

#: The years of any date or horizon: one short of the datetime module's end, so the day after
#: a window's last day (an all-day DTEND, RFC 5545 §3.6.1) always exists.
YEARS = range(1, 9999)

# ASCII digits only: ``\d`` would take "٢٠٢٤" and int() would read it
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$", re.ASCII)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$", re.ASCII)


class DateFormatError(ValueError):
    """A date string that is not a valid day-first or ISO date."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = message


def parse_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` or ``yyyy-mm-dd``; raise :class:`DateFormatError` otherwise."""
    if m := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise DateFormatError(say("date_not_a_date", text=quote(text)))
    if year not in YEARS:
        raise DateFormatError(say("date_out_of_range", text=quote(text), year=year,
                                  first=YEARS.start, last=YEARS.stop - 1))
    if not 1 <= month <= 12:
        raise DateFormatError(say("date_bad_month", text=quote(text), month=month))
    try:
        return date(year, month, day)
    except ValueError:
        raise DateFormatError(say("date_bad_day", text=quote(text), day=day, month=month,
                                  year=year)) from None


def plus_days(day: date, days: int, field: str = "") -> date:
    """``day`` moved by ``days``, or :class:`InputError` (exit 2) naming ``field`` when the
    result would leave :data:`YEARS`."""
    try:
        moved = day + timedelta(days=days)
    except OverflowError:
        moved = None
    if moved is None or moved.year not in YEARS:
        raise InputError([Problem("", None, field, say(
            "horizon_out_of_range", first=YEARS.start, last=YEARS.stop - 1, start=fmt(day),
            days=days))])
    return moved


def plus_years(day: date, years: int, field: str = "") -> date:
    """``day`` ``years`` later (29/02 → 28/02), within :data:`YEARS` or :class:`InputError`."""
    year = day.year + years
    if year not in YEARS:
        raise InputError([Problem("", None, field, say(
            "years_out_of_range", year=year, first=YEARS.start, last=YEARS.stop - 1))])
    try:
        return day.replace(year=year)
    except ValueError:  # 29/02 → 28/02
        return day.replace(year=year, day=28)


def today_vn() -> date:
    """Today in Asia/Ho_Chi_Minh."""
    return datetime.now(VN_TZ).date()


def fmt(d: date) -> str:
    """Day-first display: ``07/05/2024``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
