"""Working days in Vietnam and the shift policy for deadlines.

A working day is Monday–Friday, minus public holidays (Labour Code 2019, Art. 112, with the
days off that the government moves), plus the Saturdays it makes working days in exchange.
The ``holidays`` package knows both for Vietnam (``holidays.VN``: holiday names in Vietnamese,
``weekend_workdays`` for the swapped Saturdays); each year's days off are worked out with it
once and then read from the cache (:mod:`.daysoff`), so a listing does not import it. A
deadline on a day off moves to the previous working day by default; per activity
``shift: before | after | none`` (like remind's BEFORE/AFTER). Every function takes the
:class:`~.daysoff.Rules` in force (default: Vietnam's public holidays alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ..dates import fmt
from ..i18n import weekday
from .daysoff import VIETNAM, Rules, days_off


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


def is_working_day(day: date, rules: Rules = VIETNAM) -> bool:
    return days_off(day.year, rules).is_working_day(day)


def day_off_reason(day: date, lang: str = "vi", rules: Rules = VIETNAM) -> str | None:
    """Why ``day`` is not a working day: the holiday's name, or the weekday; None if it is one."""
    year = days_off(day.year, rules)
    if year.is_working_day(day):
        return None
    return year.name(day, lang) or weekday(day.weekday(), lang)


def shift(day: date, policy: Shift = Shift.BEFORE, lang: str = "vi",
          rules: Rules = VIETNAM) -> Due:
    """Move ``day`` to a working day per ``policy``."""
    step = SHIFT_STEP[policy]
    reason = day_off_reason(day, lang, rules) if step else None
    if reason is None:  # no shift asked, or a working day
        return Due(day, day, None)
    year = days_off(day.year, rules)
    moved = day
    while True:  # one look-up per year, not per day: a cold build shifts 50,000 days
        moved += timedelta(days=step)
        if moved.year != year.year:
            year = days_off(moved.year, rules)
        if year.is_working_day(moved):
            break
    return Due(day, moved, reason)


def add_working_days(day: date, count: int, rules: Rules = VIETNAM) -> date:
    """The ``count``-th working day after ``day`` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        remaining -= is_working_day(day, rules)
    return day
