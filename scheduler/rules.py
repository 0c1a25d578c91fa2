"""Rules as data: the tables every computation reads, never ``if`` chains.

Sources:
- Decree 145/2013/NĐ-CP, Art. 3: "năm tròn" is an anniversary whose number ends in 0,
  "năm lẻ 5" one whose number ends in 5, "năm khác" every other; for Giỗ Tổ Hùng Vương the
  class follows the Gregorian year number.
- Vietnamese lunar calendar (Hồ Ngọc Đức): computed for UTC+7 since 1968; North Vietnam used
  UTC+8 before, so lunar dates before 1968 follow that older reckoning.
"""

from __future__ import annotations

from enum import StrEnum


class MilestoneClass(StrEnum):
    """The three classes of Decree 145/2013/NĐ-CP, Art. 3."""

    TRON = "tron"
    LE5 = "le5"
    KHAC = "khac"


#: Decree 145/2013, Art. 3: the class is decided by the last digit of the number.
CLASS_BY_LAST_DIGIT: dict[int, MilestoneClass] = {0: MilestoneClass.TRON, 5: MilestoneClass.LE5}


def class_of(number: int) -> MilestoneClass:
    """Class of an anniversary number (or, for ``class_by: year``, of a Gregorian year)."""
    return CLASS_BY_LAST_DIGIT.get(number % 10, MilestoneClass.KHAC)


class ClassBy(StrEnum):
    """Which number decides the class: the ordinal (default) or the Gregorian year (Giỗ Tổ)."""

    ORIGIN = "origin"
    YEAR = "year"


class LeapDay(StrEnum):
    """Where a 29 February origin falls in a common year.

    ``feb28`` keeps the anniversary inside February (the default, as most people celebrate);
    ``mar1`` takes the day after 28 February, as RFC 5545 clients such as ical.js do.
    """

    FEB28 = "feb28"
    MAR1 = "mar1"


#: (month, day) used for a 29/02 origin in a common year, per policy.
LEAP_DAY_SUBSTITUTE: dict[LeapDay, tuple[int, int]] = {
    LeapDay.FEB28: (2, 28),
    LeapDay.MAR1: (3, 1),
}

#: Time zone (hours east of UTC) of the Vietnamese lunar calendar, from a lunar year on.
#: Searched from the end: the first row whose year is <= the lunar year applies.
LUNAR_TIME_ZONE: tuple[tuple[int, float], ...] = ((0, 8.0), (1968, 7.0))

#: The range the lunar converter (lunar-vn, Hồ Ngọc Đức's algorithm) covers.
LUNAR_YEARS = range(1900, 2101)

#: Lunar day 30 in a 29-day month is kept on the month's last day (day 29).
LUNAR_MISSING_DAY_FALLBACK = 29

#: Numbers in user files, checked where they are read (``kyniem check``).
#: An anniversary's number (lần thứ), and a policy's ``min_ordinal``/``ordinals``.
ORDINALS = range(1, 9999)
#: A reminder's lead time in days: up to ten years ahead.
LEAD_DAYS = range(0, 3651)
#: A plan's year and every date in it: the years whose lunar days and public holidays (hence
#: working days) kyniem computes.
PLAN_YEARS = LUNAR_YEARS
