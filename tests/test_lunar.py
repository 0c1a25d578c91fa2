"""Lunar conversion against an independent source: the Tết and Giỗ Tổ dates that the
``holidays`` package computes for Vietnam (its own tables), 1968–2100."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from scheduler import lunar


@pytest.fixture(scope="module")
def vn_holidays() -> dict[date, str]:
    return dict(holidays.VN(years=range(1968, 2101), language="en_US").items())


def _dates_named(table: dict[date, str], name: str) -> dict[int, date]:
    return {d.year: d for d, n in table.items() if n == name}


def test_tet_1968_to_2100(vn_holidays: dict[date, str]) -> None:
    expected = _dates_named(vn_holidays, "Lunar New Year")
    assert set(expected) == set(range(1968, 2101))
    wrong = {y: (lunar.to_solar(1, 1, y), d) for y, d in expected.items()
             if lunar.to_solar(1, 1, y) != d}
    assert wrong == {}


def test_gio_to_2007_to_2100(vn_holidays: dict[date, str]) -> None:
    # Giỗ Tổ is a public holiday (so in the holidays tables) only from 2007.
    expected = _dates_named(vn_holidays, "Hung Kings' Commemoration Day")
    assert set(expected) == set(range(2007, 2101))
    wrong = {y: (lunar.to_solar(10, 3, y), d) for y, d in expected.items()
             if lunar.to_solar(10, 3, y) != d}
    assert wrong == {}


@pytest.mark.parametrize(
    ("lunar_date", "vietnam", "china"),
    [
        ((1, 1, 1985), date(1985, 1, 21), date(1985, 2, 20)),
        ((1, 1, 2007), date(2007, 2, 17), date(2007, 2, 18)),
        ((1, 1, 2030), date(2030, 2, 2), date(2030, 2, 3)),
        ((10, 3, 2009), date(2009, 4, 4), date(2009, 4, 5)),
    ],
)
def test_vietnam_not_china(lunar_date: tuple[int, int, int], vietnam: date, china: date) -> None:
    assert lunar.to_solar(*lunar_date) == vietnam != china


def test_reference_years() -> None:
    tet = {2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17),
           2027: date(2027, 2, 6), 2028: date(2028, 1, 26), 2029: date(2029, 2, 13)}
    assert {y: lunar.to_solar(1, 1, y) for y in tet} == tet
    gio_to = {2024: date(2024, 4, 18), 2025: date(2025, 4, 7), 2026: date(2026, 4, 26)}
    assert {y: lunar.to_solar(10, 3, y) for y in gio_to} == gio_to


def test_day_30_of_a_short_month_falls_on_its_last_day() -> None:
    from lunar_vn import solar_to_lunar

    for year in range(2020, 2031):
        solar = lunar.to_solar(30, 12, year)  # tất niên: the 12th month has 29 or 30 days
        back = solar_to_lunar(solar, time_zone=7.0)
        assert (back.month, back.year) == (12, year)
        assert back.day in (29, 30)
        assert (lunar.to_solar(1, 1, year + 1) - solar).days == 1


def test_before_1968_uses_utc_plus_8() -> None:
    assert lunar.time_zone_for(1967) == 8.0
    assert lunar.time_zone_for(1968) == 7.0


def test_outside_range_is_a_clear_error() -> None:
    with pytest.raises(lunar.LunarRangeError, match="1900–2100"):
        lunar.to_solar(1, 1, 2101)


def test_preloaded_table_is_used() -> None:
    table = lunar.table({(10, 3)}, range(2024, 2026))
    assert table[(10, 3, 2025)] == date(2025, 4, 7)
    lunar.preload({(1, 1, 1899): date(1899, 1, 1)})  # a value no computation gives
    try:
        assert lunar.to_solar(1, 1, 1899) == date(1899, 1, 1)
    finally:
        lunar._known.pop((1, 1, 1899))
