"""Working days in Vietnam and the shift policy for deadlines.

A working day is Monday–Friday, minus public holidays (Labour Code 2019, Art. 112, with the
days off that the government moves), plus the Saturdays it makes working days in exchange.
The ``holidays`` package knows both for Vietnam (``holidays.VN``: holiday names in Vietnamese,
``weekend_workdays`` for the swapped Saturdays). A deadline on a day off moves to the previous
working day by default; per activity ``shift: before | after | none`` (like remind's
BEFORE/AFTER).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from ..dates import fmt
from ..i18n import weekday


class Shift(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    NONE = "none"


#: Days to step per policy while the day is not a working day (0: leave it).
SHIFT_STEP: dict[Shift, int] = {Shift.BEFORE: -1, Shift.AFTER: 1, Shift.NONE: 0}


@dataclass(frozen=True)
class Due:
    """A deadline as written and as it falls after shifting; ``reason`` says why it moved."""

    written: date
    day: date
    reason: str | None = None

    @property
    def moved(self) -> bool:
        return self.day != self.written

    def describe(self, lang: str) -> str:
        """``20/04/2025 (CN) → 18/04/2025``, or just the date when it did not move."""
        if not self.moved:
            return fmt(self.day)
        why = self.reason or weekday(self.written.weekday(), lang)
        return f"{fmt(self.written)} ({why}) → {fmt(self.day)}"


@lru_cache(maxsize=2)
def _calendar(lang: str = "vi") -> Any:
    import holidays

    return holidays.country_holidays("VN", language="en_US" if lang == "en" else "vi")


def is_working_day(day: date) -> bool:
    return bool(_calendar().is_working_day(day))


def day_off_reason(day: date, lang: str = "vi") -> str | None:
    """Why ``day`` is not a working day: the holiday's name, or the weekday; None if it is one."""
    if is_working_day(day):
        return None
    name = _calendar(lang).get(day)
    return str(name) if name else weekday(day.weekday(), lang)


def shift(day: date, policy: Shift = Shift.BEFORE, lang: str = "vi") -> Due:
    """Move ``day`` to a working day per ``policy``."""
    step = SHIFT_STEP[policy]
    reason = day_off_reason(day, lang) if step else None
    moved = day
    while step and not is_working_day(moved):
        moved += timedelta(days=step)
    return Due(day, moved, reason)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        remaining -= is_working_day(day)
    return day
