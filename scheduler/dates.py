"""Strict day-first dates: ``dd/mm/yyyy`` (also ``d/m/yyyy``) and ISO ``yyyy-mm-dd``.

Never ``dateutil.parser(dayfirst=True)``: it reads ISO ``2025-02-03`` as 2 March.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")  # UTC+7, no daylight saving

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class DateFormatError(ValueError):
    """A date string that is not a valid day-first or ISO date."""


def parse_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` or ``yyyy-mm-dd``; raise :class:`DateFormatError` otherwise."""
    if m := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise DateFormatError(f"{text!r} is not a date (write dd/mm/yyyy, e.g. 07/05/1954)")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateFormatError(f"{text!r} is not a valid date ({exc})") from None


def today_vn() -> date:
    """Today in Asia/Ho_Chi_Minh."""
    return datetime.now(VN_TZ).date()


def fmt(d: date) -> str:
    """Day-first display: ``07/05/2024``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
