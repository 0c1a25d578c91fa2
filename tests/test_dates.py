from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.dates import DateFormatError, fmt, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/05/1954", date(1954, 5, 7)),
        ("7/5/1954", date(1954, 5, 7)),
        ("03/02/2025", date(2025, 2, 3)),
        ("2025-02-03", date(2025, 2, 3)),  # ISO is year-month-day, never 2 March
        ("18.12.1972", date(1972, 12, 18)),
    ],
)
def test_day_first_and_iso(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/1930", "12/25/1946", "2025-2-3", "07/05", "tomorrow", ""])
def test_rejects(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))
def test_round_trip(d: date) -> None:
    assert parse_date(fmt(d)) == d
    assert parse_date(d.isoformat()) == d


@pytest.mark.parametrize("text", ["01/01/9999", "31/12/9999", "9999-01-01", "01/01/0000"])
def test_years_outside_the_supported_range_are_refused(text: str) -> None:
    """Regression (issue 9): 31/12/9999 was taken, and the day after it overflowed."""
    with pytest.raises(DateFormatError) as info:
        parse_date(text)
    assert "1–9998" in str(info.value)


def test_spans_that_leave_the_supported_years_are_input_errors() -> None:
    from scheduler.dates import plus_days, plus_years
    from scheduler.registry import InputError

    assert plus_days(date(9998, 12, 30), 1) == date(9998, 12, 31)
    assert plus_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    for call in (lambda: plus_days(date(9998, 12, 31), 1, "--to"),
                 lambda: plus_days(date(1, 1, 1), -1),
                 lambda: plus_days(date(2024, 1, 1), 10 ** 9),
                 lambda: plus_years(date(9990, 1, 1), 100, "--years")):
        with pytest.raises(InputError):
            call()
