"""Occurrence arithmetic: ordinal = year − origin year, Decree 145 classes, leap days,
lunar dates, and the ``of(...).between(a, b)`` query surface."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.model import Anniversary, Calendar, Kind, Origin, Policy
from scheduler.occurrences import occurrence, of
from scheduler.registry.load import load_registry
from scheduler.rules import ClassBy, LeapDay, MilestoneClass, class_of

MINI = load_registry([Path(__file__).parent / "fixtures" / "registry" / "mini.yaml"])
GENERAL = MINI.policies["test-general"]


def anniversary(d: date, policy: Policy = GENERAL, **changes: object) -> Anniversary:
    base = Anniversary(
        id="x", name="X", name_en="X", origin=Origin(d.day, d.month, d.year), kind=Kind.EVENT,
        scope="national", policy=policy, source="test",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def get(anniversary_id: str) -> Anniversary:
    found = MINI.get(anniversary_id)
    assert found is not None
    return found


def test_dien_bien_phu_70th_in_2024() -> None:
    occ = occurrence(get("test-dbp"), 2024)
    assert occ is not None
    assert (occ.date, occ.ordinal, occ.klass, occ.milestone) == (
        date(2024, 5, 7), 70, MilestoneClass.TRON, True)
    assert occ.origin_date == date(1954, 5, 7)


def test_no_occurrence_before_the_first_anniversary() -> None:
    assert occurrence(get("test-dbp"), 1954) is None
    assert occurrence(get("test-dbp"), 1900) is None
    first = occurrence(get("test-dbp"), 1955)
    assert first is not None and first.ordinal == 1


@given(
    origin=st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)),
    offset=st.integers(min_value=1, max_value=300),
)
def test_ordinal_and_date_arithmetic(origin: date, offset: int) -> None:
    year = origin.year + offset
    occ = occurrence(anniversary(origin), year)
    assert occ is not None
    assert occ.ordinal == offset
    assert occ.date.year == year
    assert occ.klass is class_of(offset)
    assert occ.milestone == (occ.klass is not MilestoneClass.KHAC)
    if (origin.month, origin.day) != (2, 29):
        assert (occ.date.month, occ.date.day) == (origin.month, origin.day)


@given(
    origin=st.dates(min_value=date(1800, 1, 1), max_value=date(2050, 12, 31)),
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    span=st.integers(min_value=0, max_value=3000),
)
def test_between_matches_year_by_year(origin: date, start: date, span: int) -> None:
    end = min(start + timedelta(days=span), date(2100, 12, 31))
    a = anniversary(origin)
    found = of([a]).between(start, end)
    expected = [o for y in range(start.year, end.year + 1)
                if (o := occurrence(a, y)) is not None and start <= o.date <= end]
    assert found == expected
    assert all(start <= o.date <= end for o in found)
    assert [o.date for o in found] == sorted(o.date for o in found)


def test_between_sorts_across_anniversaries_and_years() -> None:
    occs = of(MINI.anniversaries).between(date(2024, 1, 1), date(2026, 12, 31))
    keys = [(o.date, o.id) for o in occs]
    assert keys == sorted(keys)
    assert {o.id for o in occs} == {a.id for a in MINI.anniversaries}


@pytest.mark.parametrize(
    ("policy_default", "anniversary_id", "year", "expected"),
    [
        (LeapDay.FEB28, "test-leap", 2025, date(2025, 2, 28)),
        (LeapDay.MAR1, "test-leap", 2025, date(2025, 3, 1)),
        (LeapDay.FEB28, "test-leap", 2024, date(2024, 2, 29)),
        (LeapDay.FEB28, "test-leap-mar", 2025, date(2025, 3, 1)),  # the entry's own choice wins
        (LeapDay.FEB28, "test-leap-mar", 2100, date(2100, 3, 1)),  # 2100 is not a leap year
        (LeapDay.MAR1, "test-leap", 2000, date(2000, 2, 29)),
    ],
)
def test_leap_day_policy(policy_default: LeapDay, anniversary_id: str, year: int,
                         expected: date) -> None:
    occ = occurrence(get(anniversary_id), year, policy_default)
    assert occ is not None and occ.date == expected
    assert occ.ordinal == year - 1996


def test_gio_to_class_follows_the_gregorian_year() -> None:
    gio_to = get("test-gio-to")
    rows = {y: occurrence(gio_to, y) for y in (2024, 2025, 2030)}
    assert {y: (o.date, o.ordinal, o.klass) for y, o in rows.items() if o} == {
        2024: (date(2024, 4, 18), None, MilestoneClass.KHAC),
        2025: (date(2025, 4, 7), None, MilestoneClass.LE5),
        2030: (date(2030, 4, 12), None, MilestoneClass.TRON),
    }
    assert rows[2025] is not None and rows[2025].origin_date is None


def test_lunar_month_12_falls_in_the_next_gregorian_year() -> None:
    # 23 tháng Chạp (ông Công ông Táo) of lunar 2024 is 22/01/2025.
    a = anniversary(date(2000, 1, 1), origin=Origin(23, 12, None, Calendar.LUNAR),
                    class_by=ClassBy.YEAR)
    occ = occurrence(a, 2025)
    assert occ is not None and occ.date == date(2025, 1, 22)
    assert len(of([a]).in_year(2025)) == 1


def test_late_12th_month_of_lunar_2100_is_no_occurrence_not_a_crash() -> None:
    """Regression (tried as a clerk would): an entry on 15 tháng Chạp made every registry
    command end in a traceback: 15/12 of lunar 2100 falls in solar 2101, which the converter
    refuses with a ValueError. It is simply past the years kyniem computes."""
    from scheduler import lunar

    a = anniversary(date(2000, 1, 1), origin=Origin(15, 12, None, Calendar.LUNAR),
                    class_by=ClassBy.YEAR)
    assert occurrence(a, 2101) is None
    occ = occurrence(a, 2100)  # lunar 2099's, on 24/01/2100
    assert occ is not None and occ.date.year == 2100
    with pytest.raises(lunar.LunarRangeError):
        lunar.to_solar(15, 12, 2100)
    table = lunar.table({(15, 12), (1, 12)}, range(2099, 2101))
    assert (15, 12, 2100) not in table and table[1, 12, 2100] == date(2100, 12, 31)


def test_lunar_origin_with_a_year_has_an_ordinal() -> None:
    a = anniversary(date(2000, 1, 1), origin=Origin(10, 3, 1990, Calendar.LUNAR))
    occ = occurrence(a, 2025)
    assert occ is not None
    assert (occ.ordinal, occ.klass, occ.date) == (35, MilestoneClass.LE5, date(2025, 4, 7))
    assert occ.origin_date == date(1990, 4, 5)


def test_leader_birthday_policy_first_at_100_then_every_10() -> None:
    born = get("test-leader-born")  # 01/05/1904
    milestones = [o.ordinal for o in of([born]).of_one(born, range(1905, 2101)) if o.milestone]
    assert milestones == list(range(100, 197, 10))
    occ = occurrence(born, 2024)
    assert occ is not None and (occ.ordinal, occ.milestone) == (120, True)


def test_highlight_policy_lists_ordinals() -> None:
    leap = get("test-leap")
    marked = [o.ordinal for o in of([leap]).of_one(leap, range(1997, 2101)) if o.milestone]
    assert marked == [50, 70, 75]
