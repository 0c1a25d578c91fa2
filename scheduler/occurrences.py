"""Occurrences: an anniversary in a given year, and one query surface over a registry.

``of(anniversaries).between(a, b)`` (like recurring-ical-events' ``of(cal).between``) is how
every view asks for dates. The ordinal is ``year − origin year``; its class follows Decree
145/2013/NĐ-CP, Art. 3 (``rules.class_of``), unless the policy distinguishes no years
(Tết, Art. 5): then there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import lunar
from .model import Anniversary, Calendar, Occurrence
from .rules import LEAP_DAY_SUBSTITUTE, LUNAR_YEARS, ClassBy, LeapDay, class_of


def origin_date(anniversary: Anniversary) -> date | None:
    """The origin as a solar date, or None when its year is unknown (Giỗ Tổ)."""
    o = anniversary.origin
    if o.year is None:
        return None
    if o.calendar is Calendar.LUNAR:
        return lunar.to_solar(o.day, o.month, o.year)
    return date(o.year, o.month, o.day)


def _solar_in(anniversary: Anniversary, year: int, leap_day: LeapDay) -> tuple[date, int] | None:
    o = anniversary.origin
    month, day = o.month, o.day
    if (month, day) == (2, 29) and not _is_leap(year):
        month, day = LEAP_DAY_SUBSTITUTE[anniversary.leap_day or leap_day]
    return date(year, month, day), year


def _lunar_in(anniversary: Anniversary, year: int) -> tuple[date, int] | None:
    """The lunar date whose solar day falls in Gregorian ``year`` (lunar year ``year`` or,
    for the 11th and 12th months, sometimes ``year − 1``)."""
    o = anniversary.origin
    for lunar_year in (year - 1, year):
        if lunar_year in LUNAR_YEARS:
            try:
                solar = lunar.to_solar(o.day, o.month, lunar_year)
            except lunar.LunarRangeError:  # late in lunar 2100: past the converter's years
                continue
            if solar.year == year:
                return solar, lunar_year
    return None


def _lunar_in_any(anniversary: Anniversary, year: int, _: LeapDay) -> tuple[date, int] | None:
    return _lunar_in(anniversary, year)


#: How each calendar finds its occurrence in a Gregorian year.
_LOCATE: dict[Calendar, Callable[[Anniversary, int, LeapDay], tuple[date, int] | None]] = {
    Calendar.SOLAR: _solar_in,
    Calendar.LUNAR: _lunar_in_any,
}


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def occurrence(
    anniversary: Anniversary, year: int, leap_day: LeapDay = LeapDay.FEB28
) -> Occurrence | None:
    """The occurrence whose solar date falls in Gregorian ``year``, if any.

    None before the first anniversary (ordinal < 1) and outside the lunar converter's range.
    """
    found = _LOCATE[anniversary.origin.calendar](anniversary, year, leap_day)
    if found is None:
        return None
    when, calendar_year = found
    origin_year = anniversary.origin.year
    ordinal = None if origin_year is None else calendar_year - origin_year
    if ordinal is not None and ordinal < 1:
        return None
    number = year if anniversary.class_by is ClassBy.YEAR or ordinal is None else ordinal
    # Tết is not "năm lẻ 5" in 2025: a policy that tells no year from another gives no class
    klass = class_of(number) if anniversary.policy.has_classes else None
    return Occurrence(
        anniversary=anniversary,
        date=when,
        ordinal=ordinal,
        klass=klass,
        milestone=anniversary.policy.is_milestone(ordinal, klass),
        origin_date=origin_date(anniversary),
    )


@dataclass(frozen=True)
class Query:
    """Occurrences of a set of anniversaries; build it with :func:`of`."""

    anniversaries: tuple[Anniversary, ...]
    leap_day: LeapDay = LeapDay.FEB28

    def in_year(self, year: int) -> list[Occurrence]:
        """Every occurrence in ``year``, in date order (then by id)."""
        return self.between(date(year, 1, 1), date(year, 12, 31))

    def between(self, start: date, end: date) -> list[Occurrence]:
        """Occurrences with ``start <= date <= end``, in date order (then by id)."""
        found = [
            occ
            for year in range(start.year, end.year + 1)
            for occ in self._year(year)
            if start <= occ.date <= end
        ]
        return sorted(found, key=lambda o: (o.date, o.id))

    def of_one(self, anniversary: Anniversary, years: Iterable[int]) -> Iterator[Occurrence]:
        for year in years:
            occ = occurrence(anniversary, year, self.leap_day)
            if occ is not None:
                yield occ

    def _year(self, year: int) -> Iterator[Occurrence]:
        for anniversary in self.anniversaries:
            occ = occurrence(anniversary, year, self.leap_day)
            if occ is not None:
                yield occ


def of(anniversaries: Iterable[Anniversary], leap_day: LeapDay = LeapDay.FEB28) -> Query:
    """The query surface: ``of(registry).between(a, b)``, ``of(registry).in_year(y)``."""
    return Query(tuple(anniversaries), leap_day)
