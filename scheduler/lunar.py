"""Vietnamese lunar → solar conversion.

Uses ``lunar-vn`` (MIT), an implementation of Hồ Ngọc Đức's published algorithm for the
Vietnamese calendar: new moons and solar terms computed for the meridian of the time zone,
UTC+7 from 1968 and UTC+8 before (``rules.LUNAR_TIME_ZONE``). The Chinese calendar (UTC+8)
differs in some years, e.g. Tết 1985: 21/01 in Vietnam, 20/02 in China.
"""

from __future__ import annotations

from datetime import date

from .rules import LUNAR_MISSING_DAY_FALLBACK, LUNAR_TIME_ZONE, LUNAR_YEARS


class LunarRangeError(ValueError):
    """A lunar year outside the converter's range (1900–2100)."""


def time_zone_for(lunar_year: int) -> float:
    """Hours east of UTC used for ``lunar_year`` (UTC+8 before 1968, then UTC+7)."""
    return next(tz for first, tz in reversed(LUNAR_TIME_ZONE) if lunar_year >= first)


LunarKey = tuple[int, int, int]  # (day, month, lunar year)

#: Conversions already made, filled from the registry cache so that a warm run needs no
#: astronomy (and does not import the converter at all).
_known: dict[LunarKey, date] = {}


def preload(table: dict[LunarKey, date]) -> None:
    _known.update(table)


def table(pairs: set[tuple[int, int]], years: range = LUNAR_YEARS) -> dict[LunarKey, date]:
    """Every conversion of these (day, month) pairs over ``years``, for the cache (those
    that fall past the converter's solar years left out: late in lunar 2100's 12th month)."""
    out: dict[LunarKey, date] = {}
    for d, m in sorted(pairs):
        for y in years:
            try:
                out[d, m, y] = to_solar(d, m, y)
            except LunarRangeError:
                continue
    return out


def to_solar(day: int, month: int, lunar_year: int) -> date:
    """Solar date of lunar ``day/month`` (the regular, non-leap month) in ``lunar_year``.

    A day 30 in a month of 29 days is kept on day 29, the month's last day.
    """
    key = (day, month, lunar_year)
    if key not in _known:
        _known[key] = _convert(day, month, lunar_year)
    return _known[key]


def _convert(day: int, month: int, lunar_year: int) -> date:
    if lunar_year not in LUNAR_YEARS:
        raise LunarRangeError(
            f"lunar year {lunar_year} is outside {LUNAR_YEARS.start}–{LUNAR_YEARS.stop - 1}"
        )
    from lunar_vn.core import convert_lunar_to_solar, convert_solar_to_lunar

    tz = time_zone_for(lunar_year)
    try:
        solar = convert_lunar_to_solar(day, month, lunar_year, 0, tz)
        if day == 30:
            back = convert_solar_to_lunar(solar.day, solar.month, solar.year, tz)
            if back.month != month:  # the month has 29 days: the converter ran on into the next
                solar = convert_lunar_to_solar(LUNAR_MISSING_DAY_FALLBACK, month, lunar_year, 0,
                                               tz)
    except ValueError:  # regression: 15/12 of lunar 2100 is in solar 2101, which it refuses
        raise LunarRangeError(f"lunar {day}/{month}/{lunar_year} falls after the converter's "
                              f"last solar year ({LUNAR_YEARS.stop - 1})") from None
    return solar
